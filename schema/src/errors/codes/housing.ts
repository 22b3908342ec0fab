import { makeCode } from '../ErrorCode.js';

export const INVALID_CERTIFICATE_NUMBER = makeCode(
  'INVALID_CERTIFICATE_NUMBER',
  'input',
  400,
  'A real-estate title certificate number is not of the form `京(2019)朝阳区不动产权第0012345号`: a province abbreviation, the year of registration in parentheses, the registering county or district, `不动产权第`, a serial of at least 7 digits and `号`. The message says which part is wrong.',
);
