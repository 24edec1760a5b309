import type { CorpusSchema } from './lifecycle.js';

/**
 * A capture-the-flag platform (modelled on CTFd's Flask-SQLAlchemy models):
 * 44 portable tables with two foreign-key cycles (users.team_id → teams and
 * teams.captain_id → users; events.current_round_id → rounds and
 * rounds.event_id → events), self-references, enums, composite keys and
 * checks. Runs on every dialect.
 */
export function ctfSchema(v: number): string {
  const at = (n: number, text: string, otherwise = ''): string => (v >= n ? text : otherwise);
  const ID = 'integer().primaryKey({ autoIncrement: true })';
  const NOW = 'timestamp().notNull().default(sql`CURRENT_TIMESTAMP`)';
  const ref = (target: string, rule = 'cascade', notNull = true): string =>
    `integer()${notNull ? '.notNull()' : ''}.references(() => ${target}.id, { onDelete: '${rule}' })`;
  return `
export const userType = enumType('user_type', ['user', 'admin']);
export const challengeState = enumType('challenge_state', ['visible', 'hidden'${at(7, ", 'locked'")}]);
export const challengeType = enumType('challenge_type', ['standard', 'dynamic', 'multiple_choice']);
export const submissionType = enumType('submission_type', ['correct', 'incorrect', 'partial', 'discard']);
export const flagType = enumType('flag_type', ['static', 'regex']);
export const tokenType = enumType('token_type', ['user', 'api']);

export const brackets = table('brackets', {
  id: ${ID},
  name: varchar(255).notNull(),
  description: text(),
  kind: varchar(80).notNull().default('users'),
});

export const users = table('users', {
  id: ${ID},
  name: varchar(128).notNull(),
  email: varchar(128).notNull().unique(),
  password: varchar(128),
  type: userType().notNull().default('user'),
  secret: varchar(128),
  affiliation: varchar(128),
  country: varchar(32),
  bracket_id: ${ref('brackets', 'set null', false)},
  hidden: boolean().notNull().default(false),
  banned: boolean().notNull().default(false),
  verified: boolean().notNull().default(false),
  team_id: integer().references((): ColumnRef => teams.id, { onDelete: 'set null', name: 'users_team_id_fkey' }),
  ${at(1, 'website: varchar(255),')}
  created: ${NOW},
}, (t) => [index('users_team_id_idx').on(t.team_id)]);

export const teams = table('teams', {
  id: ${ID},
  name: varchar(${at(3, '128', '64')}).notNull().unique(),
  email: varchar(128),
  password: varchar(128),
  secret: varchar(128),
  website: varchar(255),
  affiliation: varchar(128),
  country: varchar(32),
  bracket_id: ${ref('brackets', 'set null', false)},
  hidden: boolean().notNull().default(false),
  banned: boolean().notNull().default(false),
  captain_id: integer().references((): ColumnRef => users.id, { onDelete: 'set null', name: 'teams_captain_id_fkey' }),
  created: ${NOW},
  // Last: a column a downgrade adds back comes back last (kiln re-adds it at the end on every dialect).
  ${at(6, '', 'legacy_oauth_id: integer(),')}
});

export const teamHistory = table('team_history', {
  id: ${ID},
  team_id: ${ref('teams')},
  user_id: ${ref('users')},
  joined: ${NOW},
  left_at: timestamp(),
}, (t) => [index('team_history_user_idx').on(t.user_id)]);

export const teamInvites = table('team_invites', {
  id: ${ID},
  team_id: ${ref('teams')},
  code: char(32).notNull().unique(),
  created_by: ${ref('users', 'set null', false)},
  expires: timestamp(),
});

export const fields = table('fields', {
  id: ${ID},
  name: text().notNull(),
  type: varchar(80).notNull().default('text'),
  field_type: varchar(80),
  description: text(),
  required: boolean().notNull().default(false),
  public: boolean().notNull().default(false),
  editable: boolean().notNull().default(false),
});

export const fieldEntries = table('field_entries', {
  id: ${ID},
  type: varchar(80).notNull().default('standard'),
  value: json(),
  field_id: ${ref('fields')},
  user_id: ${ref('users', 'cascade', false)},
  team_id: ${ref('teams', 'cascade', false)},
});

export const challenges = table('challenges', {
  id: ${ID},
  name: varchar(80).notNull(),
  description: text(),
  connection_info: text(),
  next_id: integer().references((): ColumnRef => challenges.id, { onDelete: 'set null' }),
  max_attempts: integer().default(0),
  ${at(2, "logic: varchar(80).notNull().default('any'),")}
  value: integer(),
  category: varchar(80),
  type: challengeType().notNull().default('standard'),
  state: challengeState().notNull().default('visible'),
  requirements: json(),
}, (t) => [index('challenges_category_idx').on(t.category)]);

export const dynamicChallenges = table('dynamic_challenges', {
  id: integer().primaryKey().references(() => challenges.id, { onDelete: 'cascade' }),
  initial: integer().notNull(),
  minimum: integer().notNull(),
  decay: integer().notNull(),
  function: varchar(32).notNull().default('logarithmic'),
}, (t) => [check('dynamic_challenges_minimum_check', sql\`minimum <= initial\`)]);

export const challengeRequirements = table('challenge_requirements', {
  challenge_id: ${ref('challenges')},
  requires_id: ${ref('challenges')},
}, (t) => [primaryKey({ columns: [t.challenge_id, t.requires_id] })]);

export const topics = table('topics', {
  id: ${ID},
  value: varchar(255).notNull().unique(),
});

export const challengeTopics = table('challenge_topics', {
  id: ${ID},
  challenge_id: ${ref('challenges')},
  topic_id: ${ref('topics')},
});

export const tags = table('tags', {
  id: ${ID},
  challenge_id: ${ref('challenges')},
  value: varchar(80).notNull(),
}, (t) => [${at(8, "unique('tags_challenge_value_key').on(t.challenge_id, t.value)")}]);

export const hints = table('hints', {
  id: ${ID},
  type: varchar(80).notNull().default('standard'),
  challenge_id: ${ref('challenges')},
  content: text(),
  cost: integer().notNull().default(0),
  requirements: json(),
});

export const unlocks = table('unlocks', {
  id: ${ID},
  user_id: ${ref('users')},
  team_id: ${ref('teams', 'cascade', false)},
  target: integer().notNull(),
  date: ${NOW},
  type: varchar(32).notNull().default('hints'),
});

export const flags = table('flags', {
  id: ${ID},
  challenge_id: ${ref('challenges')},
  type: flagType().notNull().default('static'),
  content: text().notNull(),
  data: text(),
});

export const files = table('files', {
  id: ${ID},
  type: varchar(80).notNull().default('standard'),
  location: text().notNull(),
  sha1sum: char(40),
  challenge_id: ${ref('challenges', 'cascade', false)},
  page_id: ${ref('pages', 'cascade', false)},
});

export const submissions = table('submissions', {
  id: ${ID},
  challenge_id: ${ref('challenges')},
  user_id: ${ref('users')},
  team_id: ${ref('teams', 'cascade', false)},
  ip: varchar(46),
  provided: text(),
  type: submissionType().notNull(),
  date: ${NOW},
}, (t) => [${at(4, "index('submissions_challenge_date_idx').on(t.challenge_id, t.date)")}]);

export const solves = table('solves', {
  id: integer().primaryKey().references(() => submissions.id, { onDelete: 'cascade' }),
  challenge_id: ${ref('challenges')},
  user_id: ${ref('users')},
  team_id: ${ref('teams', 'cascade', false)},
}, (t) => [unique('solves_challenge_user_key').on(t.challenge_id, t.user_id), unique('solves_challenge_team_key').on(t.challenge_id, t.team_id)]);

export const awards = table('awards', {
  id: ${ID},
  user_id: ${ref('users', 'cascade', false)},
  team_id: ${ref('teams', 'cascade', false)},
  type: varchar(80).notNull().default('standard'),
  name: varchar(80).notNull(),
  description: text(),
  date: ${NOW},
  value: integer().notNull().default(0),
  category: varchar(80).notNull().default(${at(9, "'bonus'", "'general'")}),
  icon: text(),
  requirements: json(),
});

export const notifications = table('notifications', {
  id: ${ID},
  title: text(),
  content: text(),
  date: ${NOW},
  user_id: ${ref('users', 'cascade', false)},
  team_id: ${ref('teams', 'cascade', false)},
});

export const pages = table('pages', {
  id: ${ID},
  title: varchar(80),
  route: varchar(128).notNull().unique(),
  content: text(),
  draft: boolean().notNull().default(false),
  hidden: boolean().notNull().default(false),
  auth_required: boolean().notNull().default(false),
  format: varchar(80).notNull().default('markdown'),
});

export const config = table('config', {
  id: ${ID},
  key: varchar(255).notNull().unique(),
  value: text(),
});

export const tokens = table('tokens', {
  id: ${ID},
  type: tokenType().notNull().default('user'),
  user_id: ${ref('users')},
  created: ${NOW},
  expiration: timestamp().notNull(),
  description: text(),
  value: varchar(128).notNull().unique(),
});

export const comments = table('comments', {
  id: ${ID},
  type: varchar(80).notNull().default('standard'),
  content: text().notNull(),
  date: ${NOW},
  author_id: ${ref('users')},
  challenge_id: ${ref('challenges', 'cascade', false)},
  user_id: ${ref('users', 'cascade', false)},
  team_id: ${ref('teams', 'cascade', false)},
  page_id: ${ref('pages', 'cascade', false)},
});

export const solutions = table('solutions', {
  id: ${ID},
  challenge_id: integer().notNull().unique().references(() => challenges.id, { onDelete: 'cascade' }),
  content: text(),
  state: varchar(80).notNull().default('hidden'),
});

export const events = table('events', {
  id: ${ID},
  name: varchar(128).notNull(),
  slug: varchar(64).notNull().unique(),
  starts_at: timestamp().notNull(),
  ends_at: timestamp().notNull(),
  current_round_id: integer().references((): ColumnRef => rounds.id, { onDelete: 'set null', name: 'events_current_round_id_fkey' }),
  created_by: ${ref('users', 'set null', false)},
}, (t) => [check('events_range_check', sql\`ends_at > starts_at\`)]);

export const rounds = table('rounds', {
  id: ${ID},
  event_id: integer().notNull().references((): ColumnRef => events.id, { onDelete: 'cascade', name: 'rounds_event_id_fkey' }),
  number: smallint().notNull(),
  name: varchar(80).notNull(),
  starts_at: timestamp().notNull(),
}, (t) => [unique().on(t.event_id, t.number)]);

export const roundChallenges = table('round_challenges', {
  round_id: ${ref('rounds')},
  challenge_id: ${ref('challenges')},
  position: smallint().notNull().default(0),
}, (t) => [primaryKey({ columns: [t.round_id, t.challenge_id] })]);

export const eventParticipants = table('event_participants', {
  event_id: ${ref('events')},
  team_id: ${ref('teams')},
  bracket_id: ${ref('brackets', 'set null', false)},
  registered: ${NOW},
}, (t) => [primaryKey({ columns: [t.event_id, t.team_id] })]);

export const scoreboardSnapshots = table('scoreboard_snapshots', {
  id: ${ID},
  event_id: ${ref('events')},
  taken_at: ${NOW},
  standings: json().notNull(),
});

export const auditLog = table('audit_log', {
  id: ${ID},
  actor_id: ${ref('users', 'set null', false)},
  action: varchar(64).notNull(),
  target: varchar(128),
  details: json(),
  at: ${NOW},
}, (t) => [index('audit_log_actor_idx').on(t.actor_id, t.at)]);

export const emailConfirmations = table('email_confirmations', {
  token: char(43).primaryKey(),
  user_id: ${ref('users')},
  sent: ${NOW},
});

export const passwordResets = table('password_resets', {
  token: char(43).primaryKey(),
  user_id: ${ref('users')},
  expires: timestamp().notNull(),
  used: boolean().notNull().default(false),
});

export const oauthClients = table('oauth_clients', {
  id: ${ID},
  client_id: varchar(64).notNull().unique(),
  client_secret: varchar(128).notNull(),
  redirect_uris: json().notNull(),
  owner_id: ${ref('users')},
});

export const oauthTokens = table('oauth_tokens', {
  id: ${ID},
  client_id: ${ref('oauthClients')},
  user_id: ${ref('users')},
  access_token: varchar(255).notNull().unique(),
  refresh_token: varchar(255),
  scope: varchar(255).notNull().default(''),
  expires_at: timestamp().notNull(),
});

export const scheduledJobs = table('scheduled_jobs', {
  id: ${ID},
  name: varchar(80).notNull().unique(),
  cron: varchar(64).notNull(),
  last_run: timestamp(),
  enabled: boolean().notNull().default(true),
});

export const achievements = table('achievements', {
  id: ${ID},
  key: varchar(64).notNull().unique(),
  title: varchar(128).notNull(),
  points: integer().notNull().default(0),
});

export const userAchievements = table('user_achievements', {
  user_id: ${ref('users')},
  achievement_id: ${ref('achievements')},
  earned: ${NOW},
}, (t) => [primaryKey({ columns: [t.user_id, t.achievement_id] })]);

export const writeups = table('writeups', {
  id: ${ID},
  challenge_id: integer()${at(10, ".references(() => challenges.id, { onDelete: 'cascade', name: 'writeups_challenge_id_fkey' })")},
  author_id: ${ref('users')},
  title: varchar(128).notNull(),
  body: text().notNull(),
  published: boolean().notNull().default(false),
});

export const writeupVotes = table('writeup_votes', {
  writeup_id: ${ref('writeups')},
  user_id: ${ref('users')},
  value: smallint().notNull(),
}, (t) => [primaryKey({ columns: [t.writeup_id, t.user_id] }), check('writeup_votes_value_check', sql\`value IN (-1, 1)\`)]);

export const sponsors = table('sponsors', {
  id: ${ID},
  name: varchar(128).notNull(),
  url: varchar(255),
  tier: smallint().notNull().default(3),
});

export const eventSponsors = table('event_sponsors', {
  event_id: ${ref('events')},
  sponsor_id: ${ref('sponsors')},
}, (t) => [primaryKey({ columns: [t.event_id, t.sponsor_id] })]);

export const apiKeys = table('api_keys', {
  id: ${ID},
  team_id: ${ref('teams')},
  prefix: char(8).notNull().unique(),
  hash: char(64).notNull(),
  last_used: timestamp(),
});
${at(
  5,
  `
export const challengeRatings = table('challenge_ratings', {
  id: ${ID},
  challenge_id: ${ref('challenges')},
  user_id: ${ref('users')},
  value: smallint().notNull(),
  review: varchar(2000),
  date: ${NOW},
}, (t) => [unique().on(t.challenge_id, t.user_id)]);
`,
)}`;
}

/** Rows in 22 of the tables, around both cycles, inserted once at version 0. */
export const CTF_ROWS: readonly string[] = [
  "INSERT INTO brackets (id, name) VALUES (1, 'Students'), (2, 'Open')",
  `INSERT INTO users (id, name, email, type, bracket_id, verified)
    VALUES (1, 'admin', 'admin@ctf.test', 'admin', NULL, TRUE), (2, 'ann', 'ann@ctf.test', 'user', 1, TRUE),
           (3, 'bob', 'bob@ctf.test', 'user', 2, FALSE)`,
  "INSERT INTO teams (id, name, bracket_id, captain_id, legacy_oauth_id) VALUES (1, 'pwners', 1, 2, 7), (2, 'rooters', 2, 3, NULL)",
  'UPDATE users SET team_id = 1 WHERE id = 2',
  'UPDATE users SET team_id = 2 WHERE id = 3',
  "INSERT INTO challenges (id, name, category, value, type, state) VALUES (1, 'warmup', 'misc', 50, 'standard', 'visible'), (2, 'heap', 'pwn', 500, 'dynamic', 'hidden')",
  'UPDATE challenges SET next_id = 2 WHERE id = 1',
  'INSERT INTO dynamic_challenges (id, initial, minimum, decay) VALUES (2, 500, 100, 20)',
  'INSERT INTO challenge_requirements (challenge_id, requires_id) VALUES (2, 1)',
  "INSERT INTO tags (challenge_id, value) VALUES (1, 'easy'), (2, 'hard'), (2, 'heap')",
  "INSERT INTO hints (challenge_id, content, cost) VALUES (2, 'tcache', 50)",
  "INSERT INTO flags (challenge_id, type, content) VALUES (1, 'static', 'flag{hello}'), (2, 'regex', 'flag{h.*}')",
  `INSERT INTO submissions (id, challenge_id, user_id, team_id, provided, type)
    VALUES (1, 1, 2, 1, 'flag{hello}', 'correct'), (2, 1, 3, 2, 'flag{nope}', 'incorrect')`,
  'INSERT INTO solves (id, challenge_id, user_id, team_id) VALUES (1, 1, 2, 1)',
  "INSERT INTO awards (user_id, team_id, name, value) VALUES (2, 1, 'first blood', 10)",
  "INSERT INTO pages (id, route, title, content) VALUES (1, 'rules', 'Rules', 'Be nice')",
  `INSERT INTO events (id, name, slug, starts_at, ends_at, created_by)
    VALUES (1, 'Quals', 'quals', '2026-05-01 10:00:00', '2026-05-02 10:00:00', 1)`,
  "INSERT INTO rounds (id, event_id, number, name, starts_at) VALUES (1, 1, 1, 'Day 1', '2026-05-01 10:00:00')",
  'UPDATE events SET current_round_id = 1 WHERE id = 1',
  'INSERT INTO round_challenges (round_id, challenge_id) VALUES (1, 1), (1, 2)',
  'INSERT INTO event_participants (event_id, team_id, bracket_id) VALUES (1, 1, 1), (1, 2, 2)',
  "INSERT INTO writeups (id, challenge_id, author_id, title, body) VALUES (1, 1, 2, 'Warmup', 'Read the source')",
  'INSERT INTO writeup_votes (writeup_id, user_id, value) VALUES (1, 3, 1)',
];

/** Tables whose row counts every step and every downgrade must keep. */
export const CTF_COUNTED: readonly string[] = [
  'brackets',
  'users',
  'teams',
  'challenges',
  'dynamic_challenges',
  'tags',
  'flags',
  'submissions',
  'solves',
  'awards',
  'events',
  'rounds',
  'round_challenges',
  'writeups',
];

/** The FK-cycle corpus schema and its ten changes. */
export const CTF: CorpusSchema = {
  body: ctfSchema,
  changes: [
    'add a nullable column (users.website)',
    "add a NOT NULL column with a default (challenges.logic 'any')",
    'widen a varchar on a table in a cycle (teams.name 64 → 128)',
    'add a composite index (submissions challenge/date)',
    'add a table with two FKs (challenge_ratings)',
    'drop a column on a table in a cycle (teams.legacy_oauth_id)',
    "add an enum value (challenge_state 'locked')",
    'add a unique constraint (tags challenge/value)',
    "change a default (awards.category 'general' → 'bonus')",
    'add a foreign key to an existing column (writeups.challenge_id)',
  ],
  rows: CTF_ROWS,
  counted: CTF_COUNTED,
  minTables: 44,
  deferredForeignKeys: { count: 2 },
};
