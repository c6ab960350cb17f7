import { vi } from 'decap-cms-locales';
import previewCss from '../styles/initiative.css?raw';
import siteCss from '../styles/site.css?raw';
import { startAccessibilityPatches } from './a11y-patches.ts';
import './admin.css';
import { CMS } from './cms.ts';
import { cmsConfig } from './config.ts';
import {
  QUIET_FRONT_MATTER,
  QUIET_YAML,
  quietFrontMatterFormat,
  quietYamlFormat,
  yamlListFormat,
} from './formats.ts';
import { startAdmin } from './local-mode.ts';
import { mergeLocale, viOverrides } from './locale/vi.ts';
import { CampaignPreview, InitiativePreview, previewFrameCss } from './preview.ts';
import { withShownNames } from './shown-names.ts';
import { plainWorkflowCards } from './workflow-cards.ts';

type LocaleTree = Parameters<typeof mergeLocale>[0];

const vietnamese = mergeLocale(vi as unknown as LocaleTree, viOverrides);
CMS.registerLocale('vi', vietnamese);
// Decap speaks 'en' until the config (and its `locale`) is loaded: the first screen is Vietnamese too.
CMS.registerLocale('en', vietnamese);
// Raw Markdown first: the rich editor escapes typed Markdown (`**x**` is saved as `\*\*x\*\*`).
if (!localStorage.getItem('cms.md-mode')) localStorage.setItem('cms.md-mode', 'raw');
CMS.registerCustomFormat('yaml-list', 'yaml', yamlListFormat);
CMS.registerCustomFormat(QUIET_FRONT_MATTER, 'md', quietFrontMatterFormat);
// Decisions and adoptions are listed by the names of their campaign and unit, not the ids.
CMS.registerCustomFormat(QUIET_YAML, 'yaml', withShownNames(quietYamlFormat));
CMS.registerPreviewStyle(siteCss, { raw: true });
CMS.registerPreviewStyle(previewCss, { raw: true });
CMS.registerPreviewStyle(previewFrameCss, { raw: true });
CMS.registerPreviewTemplate('initiatives', InitiativePreview as never);
CMS.registerPreviewTemplate('campaigns', CampaignPreview as never);
// Built by `npm start`: the local backend only, and a Vietnamese notice while it is not there.
startAdmin(cmsConfig, (config) => CMS.init({ config: config as never }));
startAccessibilityPatches();
plainWorkflowCards();
