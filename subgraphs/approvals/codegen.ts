import { departmentCodegen } from '@govgraph/schema/codegen';

const rows = '../db/schema.js';

export default departmentCodegen({
  contextType: '../context.js#ApprovalsContext',
  mappers: {
    Application: `${rows}#ApplicationRow`,
    Review: `${rows}#ReviewRow`,
    ApplicationConnection: `${rows}#ApplicationPage`,
    Person: `${rows}#PersonRef`,
    LegalEntity: `${rows}#LegalEntityRef`,
    Building: `${rows}#BuildingRef`,
  },
});
