// The data tracker subgraph (Person.accessLog); see the package description.
export {};
