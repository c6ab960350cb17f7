// Full build for now; see README for the slim alternative.
import CMS from 'decap-cms-app';

export { CMS };
