// The heavy query: users and top products, each with reviews, their products or authors, and
// those authors' reviews again: the shape of The Guild's federation benchmark query, touching
// every subgraph several times (products twice for the @requires of shippingEstimate).

export const HEAVY_QUERY = /* GraphQL */ `
  fragment User on User {
    id
    username
    name
  }

  fragment Review on Review {
    id
    body
  }

  fragment Product on Product {
    inStock
    name
    price
    shippingEstimate
    upc
    weight
  }

  query TestQuery {
    users {
      ...User
      reviews {
        ...Review
        product {
          ...Product
          reviews {
            ...Review
            author {
              ...User
              reviews {
                ...Review
                product {
                  ...Product
                }
              }
            }
          }
        }
      }
    }
    topProducts {
      ...Product
      reviews {
        ...Review
        author {
          ...User
          reviews {
            ...Review
            product {
              ...Product
            }
          }
        }
      }
    }
  }
`;

/** The request body every heavy-query request sends. */
export const HEAVY_BODY = JSON.stringify({ query: HEAVY_QUERY, operationName: 'TestQuery' });
