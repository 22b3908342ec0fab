import { INVALID_BUILDING_ID } from '../errors/codes/input.js';
import { divisionCodeProblem } from './divisionCode.js';
import { type Checker, makeStringScalar } from './makeStringScalar.js';

export const checkBuildingId: Checker = (value) => {
  if (!/^\d{6}B\d{8}$/.test(value)) {
    return {
      ok: false,
      problem:
        'a building ID is a 6-digit division code, the letter B and an 8-digit serial, e.g. 110105B00000042.',
    };
  }
  const problem = divisionCodeProblem(value.slice(0, 6));
  return problem ? { ok: false, problem: `the division code: ${problem}` } : { ok: true, value };
};

export const BuildingIdScalar = makeStringScalar({
  name: 'BuildingId',
  description:
    'Identifier of a building in the real-estate registry: its 6-digit division code, `B`, and an 8-digit serial.',
  code: INVALID_BUILDING_ID,
  check: checkBuildingId,
});
