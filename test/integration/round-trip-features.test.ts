import {
  checks,
  comments,
  enums,
  expressionIndexes,
  foreignKeys,
  schemas,
  uniquesAndIndexes,
} from '../support/round-trip-schemas.js';
import { capabilities as caps, roundTrip } from '../support/round-trip-suite.js';

/**
 * Zero false differences for constraints, indexes, comments, enums and
 * schemas, each created, then changed (detected, applied, clean), then
 * reverted, on the dialect KILN_TEST_DIALECT selects. Features the dialect
 * lacks are skipped by its capability flags.
 */
roundTrip('unique constraints and indexes (multi-column, unique, partial by capability)', [
  {
    title: 'create',
    body: uniquesAndIndexes(caps, { extra: false, dropped: false }),
    detects: [/create table rt_people/],
  },
  {
    title: 'add an index and a unique constraint',
    body: uniquesAndIndexes(caps, { extra: true, dropped: false }),
    detects: [/create index ix_people_city on/, /add unique constraint uq_people_handle_city/],
  },
  {
    title: 'drop a unique constraint and an index',
    body: uniquesAndIndexes(caps, { extra: true, dropped: true }),
    detects: [/drop constraint uq_rt_people_first_last/, /drop index ix_rt_people_last_first/],
  },
]);

roundTrip(
  'expression indexes: alone, mixed with columns, unique, partial; a changed expression is dropped and created',
  [
    { title: 'create', body: expressionIndexes(1), detects: [/create unique index ix_account_email_lower on/] },
    {
      title: 'change an expression',
      body: expressionIndexes(2),
      detects: [/drop index ix_account_score/, /create index ix_account_score on/],
    },
    {
      title: 'drop the column an expression names, add another',
      body: expressionIndexes(3),
      detects: [/drop column rt_account.score/, /create index ix_account_bonus on/],
    },
  ],
  { skip: !caps.expressionIndexes && 'the dialect has no expression indexes (capability expressionIndexes)' },
);

roundTrip('foreign keys: column and table level, composite, self-reference, actions', [
  { title: 'create', body: foreignKeys(false), detects: [/create table rt_item/] },
  {
    title: 'change an action, drop the self-reference, add a column with a reference',
    body: foreignKeys(true),
    detects: [
      /drop constraint fk_rt_item_owner_id_rt_owner/,
      /add foreign key fk_rt_item_owner_id_rt_owner/,
      /drop constraint fk_rt_item_parent_id_rt_item/,
      /add foreign key fk_rt_item_sibling_rt_item/,
    ],
  },
]);

roundTrip('check constraints', [
  { title: 'create', body: checks(false), detects: [/create table rt_price/] },
  {
    title: 'drop one, add one',
    body: checks(true),
    detects: [/drop constraint ck_price_range/, /add check constraint ck_price_code/],
  },
]);

roundTrip(
  'column and table comments',
  [
    { title: 'create', body: comments(false), detects: [/create table rt_note/] },
    {
      title: 'change, drop and add comments',
      body: comments(true),
      detects: [/alter column rt_note.body \(comment\)/, /set comment on table rt_note/],
    },
    { title: 'drop the table comment', body: comments(true, true), detects: [/drop comment on table rt_note/] },
  ],
  { skip: !caps.comments && 'the dialect stores no comments (capability comments)' },
);

roundTrip('enum types and appended values', [
  { title: 'create', body: enums(false), detects: [/create table rt_diary/] },
  {
    title: 'append values',
    body: enums(true),
    // A named enum type is altered; an inline one (MySQL) changes its columns' type.
    detects: [caps.namedEnums ? /add values meh, it's in enum rt_mood/ : /alter column rt_diary.feeling \(type\)/],
  },
  {
    // A value between others: written as the values after it removed and added again (rows holding them kept).
    title: 'insert a value between existing ones',
    body: enums(true, true),
    detects: [
      caps.namedEnums
        ? /add values so-so, sad, meh, it's and remove values sad, meh, it's in enum rt_mood/
        : /alter column rt_diary.feeling \(type\)/,
    ],
    before: async (project) => {
      await project.execute(`INSERT INTO ${project.quote('rt_diary')} (id, feeling) VALUES (1, 'happy')`);
    },
  },
]);

roundTrip(
  'tables and enums in a named schema, with a cross-schema foreign key',
  [
    { title: 'create', body: schemas(false), detects: [/create table rt_app.rt_account/] },
    { title: 'append an enum value, add a table', body: schemas(true), detects: [/create table rt_app.rt_extra/] },
  ],
  {
    skip: !caps.schemas && 'the dialect has no schemas (capability schemas)',
    setup: async (project) => {
      // Made by hand, as before kiln created namespaces: autogenerate then leaves it alone.
      await project.execute(`CREATE SCHEMA ${project.quote('rt_app')}`);
      project.schemas = ['rt_app'];
    },
  },
);
