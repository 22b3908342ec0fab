-- Creates each department's database beside the hub store's (POSTGRES_DB: hub) on first start.
CREATE DATABASE population;
CREATE DATABASE market;
CREATE DATABASE housing;
CREATE DATABASE tax;
CREATE DATABASE social;
CREATE DATABASE complaints;
CREATE DATABASE approvals;
CREATE DATABASE statistics;
