export {
  type ComplaintCategory,
  HANDLING_DEPARTMENT_CODES,
  HANDLING_DEPARTMENT_NAMES,
  HANDLING_DEPARTMENTS,
  type HandlingDepartmentCode,
  handlingDepartmentCode,
} from './handlingDepartment.js';
export {
  type ApplicationKind,
  REQUIRED_DEPARTMENTS,
  type ReviewDepartment,
  SITE_REQUIRED,
} from './requiredDepartments.js';
