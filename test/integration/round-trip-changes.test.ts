import assert from 'node:assert/strict';
import type { KilnProject } from '../support/project.js';
import { changes } from '../support/round-trip-schemas.js';
import { roundTrip } from '../support/round-trip-suite.js';

/**
 * Zero false differences through table and column changes on tables that
 * hold rows: every change is detected, applied without losing a row, checked
 * clean, and reverted to the exact previous schema.
 */
async function people(project: KilnProject): Promise<Record<string, unknown>[]> {
  const table = project.quote('rt_person');
  return project.query(`SELECT * FROM ${table} ORDER BY ${project.quote('id')}`);
}

roundTrip('add and drop tables and columns, widen a type, change nullability and defaults, rows kept', [
  {
    title: 'create',
    body: changes(1),
    detects: [/create table rt_person/, /create table rt_old/],
    after: async (project) => {
      const table = project.quote('rt_person');
      await project.execute(`INSERT INTO ${table} (id, name, score) VALUES (1, 'ann', 3), (2, 'bob', 4)`);
    },
  },
  {
    title: 'change',
    body: changes(2),
    detects: [
      /create table rt_fresh/,
      /drop table rt_old/,
      /add column rt_person.flag/,
      /add column rt_person.label/,
      /drop column rt_person.note/,
      /alter column rt_person.name \(type, nullable, default\)/,
      /alter column rt_person.score \(default\)/,
      /alter column rt_person.nick \(nullable, default\)/,
    ],
    after: async (project) => {
      const rows = await people(project);
      assert.equal(rows.length, 2, 'rows kept');
      assert.deepEqual(
        rows.map((r) => [Number(r.id), r.name, Number(r.score), Boolean(Number(r.flag)), r.label, r.nick]),
        [
          [1, 'ann', 3, false, "o'k", 'none'],
          [2, 'bob', 4, false, "o'k", 'none'],
        ],
      );
    },
    afterUndo: async (project) => {
      const rows = await people(project);
      assert.deepEqual(
        rows.map((r) => [Number(r.id), r.name, Number(r.score), r.nick, r.note]),
        [
          [1, 'ann', 3, 'none', ''],
          [2, 'bob', 4, 'none', ''],
        ],
        'rows kept by the downgrade (a dropped column comes back with its default)',
      );
    },
  },
]);
