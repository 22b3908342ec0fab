import { departmentCodegen } from '@govgraph/schema/codegen';

const rows = '../db/schema.js';

export default departmentCodegen({
  contextType: '../context.js#ComplaintsContext',
  mappers: {
    Complaint: `${rows}#ComplaintRow`,
    ComplaintConnection: `${rows}#ComplaintPage`,
    Person: `${rows}#PersonRef`,
    LegalEntity: `${rows}#LegalEntityRef`,
  },
});
