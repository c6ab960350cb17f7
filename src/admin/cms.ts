/**
 * Decap CMS assembled from its parts: the core, the two backends this project uses
 * (GitHub in production, the local proxy for `npm start`) and the widgets the forms
 * use. `decap-cms-app` bundles every backend, widget and locale (about 1.5 MB gzipped);
 * this keeps the admin under 1 MB (see docs/cms.md and docs/benchmarks.md).
 */

import { GitHubBackend } from 'decap-cms-backend-github';
import { ProxyBackend } from 'decap-cms-backend-proxy';
import { DecapCmsCore as CMS } from 'decap-cms-core';
import boolean from 'decap-cms-widget-boolean';
import datetime from 'decap-cms-widget-datetime';
import file from 'decap-cms-widget-file';
import list from 'decap-cms-widget-list';
import markdown from 'decap-cms-widget-markdown';
import number from 'decap-cms-widget-number';
import object from 'decap-cms-widget-object';
import relation from 'decap-cms-widget-relation';
import select from 'decap-cms-widget-select';
import string from 'decap-cms-widget-string';
import text from 'decap-cms-widget-text';
import { CHECKS_WIDGET, EntryChecksControl, EntryChecksPreview } from './checks-widget.ts';
import { ChoiceRelationControl, ChoiceSelectControl } from './choice-widget.ts';
import { DateControl } from './date-widget.ts';
import { withEntryNames } from './entry-names.ts';
import { type GateableBackend, withEntryGate } from './gated-backend.ts';
import { withGitHubSafety } from './github-safety.ts';
import { INITIATIVE_WIDGET, initiativeValueSerializer } from './initiative-widget.ts';
import { ReorderableListControl } from './list-widget.ts';
import { NumberControl } from './number-widget.ts';
import { withSiteNames } from './site-names.ts';

type Backend = new (...args: never[]) => GateableBackend;

// Both backends refuse "ready" and "publish" for an entry the validator's rules refuse; on
// GitHub nothing is written straight onto the default branch (github-safety.ts). Commit messages
// and pull-request titles name the entry, not "<slug>/index". Adoptions are read once the
// site has said the initiatives' names (site-names.ts).
CMS.registerBackend(
  'github',
  withSiteNames(withGitHubSafety(withEntryGate(withEntryNames(GitHubBackend as Backend)))) as never,
);
CMS.registerBackend(
  'proxy',
  withSiteNames(withEntryGate(withEntryNames(ProxyBackend as Backend))) as never,
);
// Typed for one widget at a time; Decap also takes a list.
CMS.registerWidget([
  string.Widget(),
  text.Widget(),
  number.Widget({ name: 'number', controlComponent: NumberControl }),
  boolean.Widget(),
  select.Widget({ name: 'select', controlComponent: ChoiceSelectControl }),
  datetime.Widget({ name: 'datetime', controlComponent: DateControl }),
  list.Widget({ name: 'list', controlComponent: ReorderableListControl }),
  object.Widget(),
  relation.Widget({ name: 'relation', controlComponent: ChoiceRelationControl }),
  relation.Widget({ name: INITIATIVE_WIDGET, controlComponent: ChoiceRelationControl }),
  file.Widget(),
  markdown.Widget(),
  {
    name: CHECKS_WIDGET,
    controlComponent: EntryChecksControl,
    previewComponent: EntryChecksPreview,
  },
] as never);

CMS.registerWidgetValueSerializer(INITIATIVE_WIDGET, initiativeValueSerializer);

export { CMS };
