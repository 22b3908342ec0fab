import type { Checker } from '@govgraph/schema';

// One-character abbreviations of the provinces, as printed at the head of a title certificate;
// Guizhou, Yunnan and Sichuan print either of two (黔/贵, 滇/云, 川/蜀).
const PROVINCES = '京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川蜀黔贵滇云藏陕甘青宁新';
const SHAPE = /^(.)\((\d{4})\)(.*)不动产权第(\d+)号$/u;
// The unified real-estate certificate replaced the older house-ownership certificates in 2015.
const FIRST_YEAR = 2015;

/**
 * Checks the shape of a title certificate number (e.g. 京(2019)朝阳区不动产权第0012345号) and
 * returns it normalized: full-width parentheses, as printed on paper, become ASCII ones.
 */
export const checkCertificateNumber: Checker = (raw) => {
  const value = raw.trim().replaceAll('（', '(').replaceAll('）', ')');
  const match = SHAPE.exec(value);
  if (!match) {
    return {
      ok: false,
      problem:
        'it should read <province>(<year>)<county>不动产权第<serial>号, e.g. 京(2019)朝阳区不动产权第0012345号',
    };
  }
  const [, province = '', year = '', county = '', serial = ''] = match;
  if (!PROVINCES.includes(province)) {
    return { ok: false, problem: `"${province}" is not a province abbreviation (京, 沪, 粤, ...)` };
  }
  if (Number(year) < FIRST_YEAR) {
    return {
      ok: false,
      problem: `the year ${year} is before ${FIRST_YEAR}, when these certificates began`,
    };
  }
  if (county.length < 2) {
    return { ok: false, problem: 'the registering county or district is missing after the year' };
  }
  if (serial.length < 7) {
    return { ok: false, problem: `the serial ${serial} has fewer than 7 digits` };
  }
  return { ok: true, value };
};
