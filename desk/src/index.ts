export { DESK_CSP, type DeskAsset, loadDeskAssets, renderDeskPage } from './assets.js';
export {
  FILE_COMPLAINT,
  RECORD_SECTIONS,
  type RecordSection,
  recordDocument,
  SUBMIT_APPLICATION,
} from './documents.js';
export { documentHash, trustedDeskDocuments } from './trustedDocuments.js';
