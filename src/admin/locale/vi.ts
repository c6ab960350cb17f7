/**
 * The Vietnamese interface of the CMS, complete. Decap's own `vi` locale leaves about
 * a third of its strings in English (the list widget's "Add", the Markdown toolbar,
 * the status label is cut to "Trạng"); these strings are deep-merged over it, so a
 * submitter never meets English. Placeholders (`%{…}`) are Decap's and must stay.
 */
import { workflowStatusNames } from '../../core/workflow.ts';

export const viOverrides = {
  auth: {
    login: 'Đăng nhập',
    loggingIn: 'Đang đăng nhập…',
    loginWithNetlifyIdentity: 'Đăng nhập bằng Netlify Identity',
    loginWithAzure: 'Đăng nhập bằng Azure',
    loginWithBitbucket: 'Đăng nhập bằng Bitbucket',
    loginWithGitHub: 'Đăng nhập bằng tài khoản GitHub',
    loginWithGitLab: 'Đăng nhập bằng GitLab',
    loginWithGitea: 'Đăng nhập bằng Gitea',
    loginWithForgejo: 'Đăng nhập bằng Forgejo',
    errors: {
      email: 'Hãy nhập địa chỉ thư điện tử.',
      password: 'Hãy nhập mật khẩu.',
      identitySettings:
        'Không đọc được thiết lập đăng nhập. Khi dùng git-gateway, hãy bật dịch vụ Identity và Git Gateway.',
    },
  },
  app: {
    header: {
      content: 'Nội dung',
      workflow: 'Quy trình xét duyệt',
      media: 'Tệp đính kèm',
      quickAdd: 'Tạo mới',
    },
    app: {
      errorHeader: 'Lỗi khi tải cấu hình trang quản trị',
      configErrors: 'Lỗi cấu hình',
      checkConfigYml: 'Hãy kiểm tra cấu hình trang quản trị (src/admin/config.ts).',
      loadingConfig: 'Đang tải cấu hình…',
      waitingBackend: 'Đang chờ máy chủ lưu trữ…',
    },
    notFoundPage: {
      header: 'Không tìm thấy trang',
    },
  },
  collection: {
    sidebar: {
      collections: 'Danh mục',
      allCollections: 'Tất cả danh mục',
      searchAll: 'Tìm trong tất cả',
      searchIn: 'Tìm trong',
    },
    collectionTop: {
      sortBy: 'Sắp xếp theo',
      viewAs: 'Hiển thị dạng',
      viewAsList: 'Hiển thị dạng danh sách',
      viewAsGrid: 'Hiển thị dạng lưới',
      newButton: '+ Thêm %{collectionLabel}',
      // The spoken name contains the visible one (WCAG 2.5.3).
      newButtonAriaLabel: 'Thêm %{collectionLabel}',
      ascending: 'Tăng dần',
      descending: 'Giảm dần',
      searchResults: 'Kết quả tìm kiếm cho “%{searchTerm}”',
      searchResultsInCollection: 'Kết quả tìm kiếm cho “%{searchTerm}” trong %{collection}',
      filterBy: 'Lọc theo',
      groupBy: 'Nhóm theo',
    },
    entries: {
      loadingEntries: 'Đang tải danh sách…',
      cachingEntries: 'Đang chuẩn bị danh sách…',
      longerLoading: 'Việc này có thể mất vài phút',
      noEntries: 'Chưa có mục nào',
      unpublishedHeader: 'Chưa công bố',
    },
    groups: {
      other: 'Khác',
      negateLabel: 'Không phải %{label}',
    },
    defaultFields: {
      author: {
        label: 'Người viết',
      },
      updatedOn: {
        label: 'Ngày cập nhật',
      },
    },
  },
  editor: {
    editorControl: {
      field: {
        optional: 'không bắt buộc',
        widgetLabel: 'Trường %{widgetLabel}',
      },
    },
    editorControlPane: {
      widget: {
        required: 'Chưa nhập “%{fieldLabel}” (bắt buộc).',
        regexPattern: '%{fieldLabel}: %{pattern}',
        processing: '%{fieldLabel} đang được xử lý.',
        range: '%{fieldLabel} phải từ %{minValue} đến %{maxValue}.',
        min: '%{fieldLabel} phải từ %{minValue} trở lên.',
        max: '%{fieldLabel} không được quá %{maxValue}.',
        rangeCount: '%{fieldLabel} phải có từ %{minCount} đến %{maxCount} mục.',
        rangeCountExact: '%{fieldLabel} phải có đúng %{count} mục.',
        rangeMin: '%{fieldLabel} phải có ít nhất %{minCount} mục.',
        rangeMax: '%{fieldLabel} không được quá %{maxCount} mục.',
        invalidPath: 'Đường dẫn “%{path}” không hợp lệ.',
        pathExists: 'Đường dẫn “%{path}” đã có.',
      },
      i18n: {
        writingInLocale: 'Đang viết bằng %{locale}',
        copyFromLocale: 'Điền từ ngôn ngữ khác',
        copyFromLocaleConfirm:
          'Điền dữ liệu từ ngôn ngữ %{locale}?\nToàn bộ nội dung hiện có sẽ bị ghi đè.',
      },
    },
    editor: {
      onLeavePage: 'Rời trang này? Những thay đổi chưa lưu sẽ mất.',
      onUpdatingWithUnsavedChanges: 'Còn thay đổi chưa lưu: hãy bấm Lưu trước khi đổi trạng thái.',
      onPublishingNotReady: `Hãy chuyển trạng thái sang “${workflowStatusNames.pending_publish}” trước khi công bố.`,
      onPublishingWithUnsavedChanges: 'Còn thay đổi chưa lưu: hãy bấm Lưu trước khi công bố.',
      onPublishing: 'Công bố sáng kiến, nội dung này lên trang công khai?',
      onUnpublishing: 'Ngừng công bố mục này?',
      onDeleteWithUnsavedChanges:
        'Xóa mục đã công bố này, cùng những thay đổi chưa lưu trong lần làm việc này?',
      onDeletePublishedEntry: 'Xóa mục đã công bố này?',
      onDeleteUnpublishedChangesWithUnsavedChanges:
        'Thao tác này xóa mọi thay đổi chưa công bố của mục này, cùng những thay đổi chưa lưu trong lần làm việc này. Vẫn xóa?',
      onDeleteUnpublishedChanges: 'Mọi thay đổi chưa công bố của mục này sẽ bị xóa. Vẫn xóa?',
      loadingEntry: 'Đang tải…',
      confirmLoadBackup: 'Có một bản lưu tạm trên máy này cho mục này. Dùng bản lưu tạm đó?',
    },
    editorInterface: {
      toggleI18n: 'Bật/tắt đa ngôn ngữ',
      togglePreview: 'Bật/tắt xem trước',
      toggleScrollSync: 'Cuộn đồng thời',
      toggleNotes: 'Bật/tắt ghi chú',
    },
    editorNotesPane: {
      title: 'Ghi chú',
      emptyState: 'Chưa có ghi chú. Thêm ghi chú đầu tiên ở dưới để trao đổi.',
      addNote: 'Thêm ghi chú',
      addPlaceholder: 'Viết ghi chú…',
      editPlaceholder: 'Sửa ghi chú…',
      save: 'Lưu',
      cancel: 'Hủy',
      edit: 'Sửa',
      delete: 'Xóa',
      resolve: 'Đánh dấu đã xử lý',
      unresolve: 'Mở lại',
      confirmDelete: 'Xóa ghi chú này?',
      shortcut: 'Mẹo: bấm Ctrl+Enter để thêm ghi chú nhanh',
    },
    editorToolbar: {
      publishing: 'Đang công bố…',
      publish: 'Công bố',
      published: 'Đã công bố',
      unpublish: 'Ngừng công bố',
      duplicate: 'Nhân bản',
      unpublishing: 'Đang ngừng công bố…',
      publishAndCreateNew: 'Công bố và tạo mới',
      publishAndDuplicate: 'Công bố và nhân bản',
      deleteUnpublishedChanges: 'Xóa thay đổi chưa công bố',
      deleteUnpublishedEntry: 'Xóa bài chưa công bố',
      deletePublishedEntry: 'Xóa bài đã công bố',
      deleteEntry: 'Xóa bài',
      saving: 'Đang lưu…',
      save: 'Lưu',
      statusInfoTooltipDraft: `Bài đang là bản nháp. Khi viết xong, chuyển trạng thái sang “${workflowStatusNames.pending_review}” để gửi hội đồng.`,
      statusInfoTooltipInReview:
        'Bài đang được xét duyệt, không cần làm gì thêm. Bạn vẫn có thể sửa trong khi chờ.',
      deleting: 'Đang xóa…',
      updating: 'Đang cập nhật…',
      status: 'Trạng thái: %{status}',
      backCollection: ' Đang viết trong mục %{collectionLabel}',
      unsavedChanges: 'Có thay đổi chưa lưu',
      changesSaved: 'Đã lưu thay đổi',
      draft: workflowStatusNames.draft,
      inReview: workflowStatusNames.pending_review,
      ready: workflowStatusNames.pending_publish,
      publishNow: 'Công bố ngay',
      deployPreviewPendingButtonLabel: 'Kiểm tra bản xem trước',
      deployPreviewButtonLabel: 'Xem bản xem trước',
      deployButtonLabel: 'Xem trên trang công khai',
    },
    editorWidgets: {
      markdown: {
        bold: 'Chữ đậm',
        italic: 'Chữ nghiêng',
        strikethrough: 'Gạch ngang',
        code: 'Mã',
        link: 'Liên kết',
        linkPrompt: 'Nhập địa chỉ của liên kết',
        headings: 'Tiêu đề',
        quote: 'Trích dẫn',
        bulletedList: 'Danh sách gạch đầu dòng',
        numberedList: 'Danh sách đánh số',
        addComponent: 'Chèn thành phần',
        richText: 'Soạn thảo trực quan',
        markdown: 'Văn bản Markdown',
        toggleMode: {
          rich: 'Chuyển sang soạn thảo trực quan',
          markdown: 'Chuyển sang văn bản Markdown',
        },
      },
      image: {
        choose: 'Chọn ảnh',
        chooseMultiple: 'Chọn nhiều ảnh',
        chooseUrl: 'Chèn từ địa chỉ web',
        replaceUrl: 'Thay bằng địa chỉ web',
        promptUrl: 'Nhập địa chỉ web của ảnh',
        chooseDifferent: 'Chọn ảnh khác',
        addMore: 'Thêm ảnh',
        remove: 'Gỡ ảnh',
        removeAll: 'Gỡ tất cả ảnh',
      },
      file: {
        choose: 'Chọn tệp',
        chooseUrl: 'Chèn từ địa chỉ web',
        chooseMultiple: 'Chọn nhiều tệp',
        replaceUrl: 'Thay bằng địa chỉ web',
        promptUrl: 'Nhập địa chỉ web của tệp',
        chooseDifferent: 'Chọn tệp khác',
        addMore: 'Thêm tệp',
        remove: 'Gỡ tệp',
        removeAll: 'Gỡ tất cả tệp',
      },
      unknownControl: {
        noControl: 'Không có ô nhập cho loại trường “%{widget}”.',
      },
      unknownPreview: {
        noPreview: 'Không có bản xem trước cho loại trường “%{widget}”.',
      },
      headingOptions: {
        headingOne: 'Tiêu đề cấp 1',
        headingTwo: 'Tiêu đề cấp 2',
        headingThree: 'Tiêu đề cấp 3',
        headingFour: 'Tiêu đề cấp 4',
        headingFive: 'Tiêu đề cấp 5',
        headingSix: 'Tiêu đề cấp 6',
      },
      datetime: {
        now: 'Hôm nay',
        clear: 'Xóa',
        setToNow: 'Đặt %{fieldLabel} là hôm nay',
      },
      list: {
        add: 'Thêm %{item}',
        addType: 'Thêm %{item}',
      },
      object: {
        expand: 'Mở rộng',
        collapse: 'Thu gọn',
      },
    },
  },
  mediaLibrary: {
    mediaLibraryCard: {
      draft: 'Bản nháp',
      copy: 'Sao chép',
      copyUrl: 'Sao chép địa chỉ',
      copyPath: 'Sao chép đường dẫn',
      copyName: 'Sao chép tên',
      copied: 'Đã sao chép',
    },
    mediaLibrary: {
      onDelete: 'Xóa các tệp đã chọn?',
      fileTooLarge: 'Tệp quá lớn.\nChỉ nhận tệp không quá %{size} kB.',
    },
    mediaLibraryModal: {
      loading: 'Đang tải…',
      close: 'Đóng',
      noResults: 'Không có kết quả.',
      noAssetsFound: 'Chưa có tệp nào.',
      noImagesFound: 'Chưa có ảnh nào.',
      private: 'Riêng tư ',
      images: 'Ảnh',
      mediaAssets: 'Tệp đính kèm',
      search: 'Tìm…',
      uploading: 'Đang tải lên…',
      upload: 'Tải tệp lên',
      download: 'Tải về',
      deleting: 'Đang xóa…',
      deleteSelected: 'Xóa tệp đã chọn',
      chooseSelected: 'Dùng tệp đã chọn',
    },
  },
  ui: {
    default: {
      goBackToSite: 'Về trang công khai',
    },
    errorBoundary: {
      title: 'Lỗi',
      details: 'Đã có lỗi. Xin hãy ',
      reportIt: 'báo cho người quản trị hệ thống.',
      detailsHeading: 'Chi tiết',
      privacyWarning:
        'Báo lỗi sẽ kèm nội dung lỗi và dữ liệu gỡ lỗi.\nHãy kiểm tra và xóa thông tin nhạy cảm, nếu có.',
      recoveredEntry: {
        heading: 'Nội dung được khôi phục',
        warning: 'Hãy sao chép nội dung này ra nơi khác trước khi rời trang!',
        copyButtonLabel: 'Sao chép',
      },
    },
    settingsDropdown: {
      logOut: 'Đăng xuất',
      account: 'Tài khoản',
    },
    toast: {
      onFailToLoadEntries: 'Không tải được bài: %{details}',
      onFailToLoadDeployPreview: 'Không tải được bản xem trước: %{details}',
      onFailToPersist: 'Không lưu được bài: %{details}',
      onFailToDelete: 'Không xóa được bài: %{details}',
      onFailToUpdateStatus: 'Không đổi được trạng thái: %{details}',
      missingRequiredField:
        'Còn trường bắt buộc chưa nhập hoặc nhập chưa đúng. Hãy sửa các ô được đánh dấu đỏ rồi lưu lại.',
      entrySaved: 'Đã lưu',
      entryPublished: 'Đã công bố',
      entryUnpublished: 'Đã ngừng công bố',
      onFailToPublishEntry: 'Không công bố được: %{details}',
      onFailToUnpublishEntry: 'Không ngừng công bố được: %{details}',
      entryUpdated: 'Đã đổi trạng thái',
      onDeleteUnpublishedChanges: 'Đã xóa các thay đổi chưa công bố',
      noteAdded: 'Đã thêm ghi chú',
      onFailToAddNote: 'Không thêm được ghi chú: %{details}',
      noteUpdated: 'Đã sửa ghi chú',
      onFailToUpdateNote: 'Không sửa được ghi chú: %{details}',
      noteDeleted: 'Đã xóa ghi chú',
      onFailToDeleteNote: 'Không xóa được ghi chú: %{details}',
      noteResolved: 'Đã đánh dấu ghi chú là đã xử lý',
      noteReopened: 'Đã mở lại ghi chú',
      onFailToToggleNote: 'Không đổi được trạng thái ghi chú: %{details}',
      onFailToAuth: 'Không đăng nhập được: %{details}',
      onLoggedOut: 'Bạn đã bị đăng xuất. Hãy sao lưu nội dung đang viết rồi đăng nhập lại.',
      onBackendDown: 'Máy chủ lưu trữ đang gặp sự cố. Xem %{details} để biết thêm.',
    },
  },
  workflow: {
    workflow: {
      loading: 'Đang tải các bài đang xét',
      workflowHeading: 'Quy trình xét duyệt',
      newPost: 'Bài mới',
      description:
        '%{smart_count} bài chờ xét duyệt, %{readyCount} bài sẵn sàng công bố. |||| %{smart_count} bài chờ xét duyệt, %{readyCount} bài sẵn sàng công bố. ',
      dateFormat: 'DD/MM/YYYY',
    },
    workflowCard: {
      lastChange: '%{date}, %{author}',
      lastChangeNoAuthor: '%{date}',
      lastChangeNoDate: '%{author}',
      deleteChanges: 'Xóa thay đổi',
      deleteNewEntry: 'Xóa bài mới',
      publishChanges: 'Công bố thay đổi',
      publishNewEntry: 'Công bố bài mới',
    },
    workflowList: {
      onDeleteEntry: 'Xóa bài này?',
      onPublishingNotReadyEntry: `Chỉ bài ở cột “${workflowStatusNames.pending_publish}” mới công bố được. Hãy kéo thẻ sang cột đó trước.`,
      onPublishEntry: 'Công bố bài này lên trang công khai?',
      draftHeader: workflowStatusNames.draft,
      inReviewHeader: workflowStatusNames.pending_review,
      readyHeader: workflowStatusNames.pending_publish,
      currentEntries: '%{smart_count} bài |||| %{smart_count} bài',
    },
  },
};

type Tree = { [key: string]: string | Tree };

/** Deep merge: strings of `over` win, nested groups merge, nothing of `base` is lost. */
export function mergeLocale(base: Tree, over: Tree): Tree {
  const out: Tree = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const current = out[key];
    out[key] =
      typeof value === 'object' && typeof current === 'object'
        ? mergeLocale(current, value)
        : value;
  }
  return out;
}
