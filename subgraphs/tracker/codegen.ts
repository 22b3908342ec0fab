import { departmentCodegen } from '@govgraph/schema/codegen';

export default departmentCodegen({
  contextType: '../context.js#TrackerContext',
  mappers: {
    AccessRecord: '@govgraph/governance#AuditRecord',
    AccessRecordConnection: '../resolvers/accessLogPage.js#AccessLogPage',
    Person: '../resolvers/refs.js#PersonRef',
    LegalEntity: '../resolvers/refs.js#LegalEntityRef',
  },
});
