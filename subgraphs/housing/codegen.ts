import { departmentCodegen } from '@govgraph/schema/codegen';

export default departmentCodegen({
  contextType: '../context.js#HousingContext',
  mappers: {
    Building: '../db/schema.js#BuildingRow',
    RealEstateTitle: '../db/schema.js#TitleRow',
    Ownership: '../db/schema.js#OwnershipRow',
    RealEstateTitleConnection: '../db/schema.js#TitlePage',
    Person: '../db/schema.js#PersonRef',
    LegalEntity: '../db/schema.js#LegalEntityRef',
  },
});
