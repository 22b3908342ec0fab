import { departmentCodegen } from '@govgraph/schema/codegen';

export default departmentCodegen({
  contextType: '../context.js#SocialContext',
  mappers: {
    Person: '../db/schema.js#PersonRef',
    LegalEntity: '../db/schema.js#LegalEntityRef',
    SocialInsurance: '../db/schema.js#InsuranceRecordRow',
    Contribution: '../db/schema.js#ContributionRow',
    Employment: '../db/schema.js#EmploymentRow',
  },
});
