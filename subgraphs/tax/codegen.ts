import { departmentCodegen } from '@govgraph/schema/codegen';

export default departmentCodegen({
  contextType: '../context.js#TaxContext',
  mappers: {
    Person: '../db/schema.js#PersonRef',
    PersonTaxProfile: '../db/schema.js#PersonTaxAccountRow',
    PersonTaxYear: '../db/schema.js#PersonTaxYearRow',
    LegalEntity: '../db/schema.js#LegalEntityRef',
    EnterpriseTaxProfile: '../db/schema.js#EnterpriseTaxAccountRow',
    TaxFiling: '../db/schema.js#TaxFilingRow',
    MajorTaxViolation: '../db/schema.js#MajorTaxViolationRow',
  },
});
