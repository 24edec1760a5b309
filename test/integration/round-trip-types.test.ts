import { ALL_TYPES_NOT_NULL, ALL_TYPES_NULLABLE, KEYS } from '../support/round-trip-schemas.js';
import { roundTrip } from '../support/round-trip-suite.js';

/**
 * Zero false differences for column types, nullability, defaults and keys on
 * the dialect KILN_TEST_DIALECT selects (see round-trip-suite.ts for the trip).
 */
roundTrip('every column type, nullable; serial, bigserial and autoIncrement keys', [
  { title: 'all types', body: ALL_TYPES_NULLABLE, detects: [/create table rt_kinds/, /create table rt_serials/] },
]);

roundTrip('every column type NOT NULL, with string, number, boolean and SQL defaults', [
  { title: 'all types with defaults', body: ALL_TYPES_NOT_NULL, detects: [/create table rt_strict/] },
]);

roundTrip('composite, named and column-marked primary keys', [
  {
    title: 'keys',
    body: KEYS,
    detects: [/create table rt_pairs/, /create table rt_named_pk/, /create table rt_marked/],
  },
]);
