import { departmentCodegen } from '@govgraph/schema/codegen';

export default departmentCodegen({
  contextType: '../context.js#PopulationContext',
  mappers: {
    Person: '../db/schema.js#PersonRow',
    HouseholdRegistration: '../db/schema.js#PersonRow',
  },
});
