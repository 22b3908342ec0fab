import { makeCode } from '../ErrorCode.js';

export const COMPLAINT_NOT_FOUND = makeCode(
  'COMPLAINT_NOT_FOUND',
  'input',
  404,
  'The citizen hotline holds no complaint with the ticket number given (`12345-YYYY-NNNNNN`). Check the number against the one returned by `fileComplaint` or shown in `complaint(id:)`.',
);
export const COMPLAINT_ALREADY_CLOSED = makeCode(
  'COMPLAINT_ALREADY_CLOSED',
  'input',
  409,
  'The complaint was already closed (RESOLVED or REJECTED) and a closed complaint is not closed again. The message says when and how it was closed: the outcome, the time and the resolution recorded. File a new complaint if the matter has come back.',
);
