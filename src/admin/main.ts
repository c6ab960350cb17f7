import { vi } from 'decap-cms-locales';
import previewCss from '../styles/initiative.css?raw';
import siteCss from '../styles/site.css?raw';
import { CMS } from './cms.ts';
import { cmsConfig } from './config.ts';
import { yamlListFormat } from './formats.ts';
import { mergeLocale, viOverrides } from './locale/vi.ts';
import { InitiativePreview } from './preview.ts';

type LocaleTree = Parameters<typeof mergeLocale>[0];

CMS.registerLocale('vi', mergeLocale(vi as unknown as LocaleTree, viOverrides));
CMS.registerCustomFormat('yaml-list', 'yaml', yamlListFormat);
CMS.registerPreviewStyle(siteCss, { raw: true });
CMS.registerPreviewStyle(previewCss, { raw: true });
CMS.registerPreviewTemplate('initiatives', InitiativePreview);
CMS.init({ config: cmsConfig as never });
