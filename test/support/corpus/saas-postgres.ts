/**
 * A SaaS issue tracker on PostgreSQL (modelled on Linear/Plane-style apps
 * with Prisma schemas): 48 tables, 14 enum types, JSON columns, timestamps
 * with defaults, partial indexes, composite keys, cascading foreign keys,
 * comments, and a `billing` schema. `saasSchema(v)` is the schema module's
 * body at version v: 0 is the start, 1..10 each add one realistic change.
 */

import type { CorpusSchema } from './lifecycle.js';

const NOW = 'sql`now()`';
const TS = 'timestamp({ withTimezone: true })';

/** The schema module body at version `v` (0..10). */
export function saasSchema(v: number): string {
  const at = (n: number, text: string, otherwise = ''): string => (v >= n ? text : otherwise);
  return `
const billing = schema('billing');

export const planTier = enumType('plan_tier', ['free', 'team', 'business', 'enterprise']);
export const memberRole = enumType('member_role', ['owner', 'admin', 'member', 'guest']);
export const workspaceStatus = enumType('workspace_status', ['active', 'suspended', 'deleted']);
export const issueStatus = enumType('issue_status', ['backlog', 'todo', 'in_progress', 'done', 'canceled'${at(7, ", 'triage'")}]);
export const issuePriority = enumType('issue_priority', ['none', 'low', 'medium', 'high', 'urgent']);
export const issueRelationKind = enumType('issue_relation_kind', ['blocks', 'duplicates', 'relates']);
export const invitationStatus = enumType('invitation_status', ['pending', 'accepted', 'revoked', 'expired']);
export const notificationKind = enumType('notification_kind', ['mention', 'assigned', 'comment', 'status', 'digest']);
export const integrationProvider = enumType('integration_provider', ['github', 'gitlab', 'slack', 'sentry', 'figma']);
export const visibility = enumType('visibility', ['private', 'workspace', 'public']);
export const fieldKind = enumType('field_kind', ['text', 'number', 'date', 'select', 'user']);
export const jobState = enumType('job_state', ['queued', 'running', 'failed', 'finished']);
export const subscriptionStatus = billing.enumType('subscription_status', ['trialing', 'active', 'past_due', 'canceled']);
export const invoiceStatus = billing.enumType('invoice_status', ['draft', 'open', 'paid', 'void', 'uncollectible']);

export const users = table('users', {
  id: serial().primaryKey(),
  email: varchar(320).notNull().unique(),
  display_name: varchar(120).notNull(),
  avatar_url: text(),
  locale: varchar(10).notNull().default('en'),
  timezone: varchar(64).notNull().default('UTC'),
  is_staff: boolean().notNull().default(false).comment('our own staff, not customers'),
  preferences: json().notNull().default(sql\`'{}'::json\`),
  last_seen_at: ${TS},
  created_at: ${TS}.notNull().default(${NOW}),
  deleted_at: ${TS},
  // Last: a column a downgrade adds back comes back last (PostgreSQL and MySQL add columns at the end).
  ${at(6, '', 'legacy_username: varchar(60),')}
}, (t) => [index('users_last_seen_idx').on(t.last_seen_at)], { comment: 'people who can sign in' });

export const userSessions = table('user_sessions', {
  id: uuid().primaryKey().default(sql\`gen_random_uuid()\`),
  user_id: integer().notNull().references(() => users.id, { onDelete: 'cascade' }),
  user_agent: text(),
  ip: varchar(45),
  expires_at: ${TS}.notNull(),
  created_at: ${TS}.notNull().default(${NOW}),
}, (t) => [index().on(t.user_id)]);

export const apiTokens = table('api_tokens', {
  id: serial().primaryKey(),
  user_id: integer().notNull().references(() => users.id, { onDelete: 'cascade' }),
  name: varchar(80).notNull(),
  token_hash: char(64).notNull().unique(),
  scopes: json().notNull().default(sql\`'[]'::json\`),
  revoked_at: ${TS},
  created_at: ${TS}.notNull().default(${NOW}),
}, (t) => [index('api_tokens_active_idx').on(t.user_id).where(sql\`revoked_at IS NULL\`)]);

export const workspaces = table('workspaces', {
  id: serial().primaryKey(),
  slug: varchar(48).notNull().unique(),
  name: varchar(${at(3, '160', '80')}).notNull(),
  status: workspaceStatus().notNull().default('active'),
  tier: planTier().notNull().default('free'),
  owner_id: integer().notNull().references(() => users.id, { onDelete: 'restrict' }),
  logo_url: text(),
  created_at: ${TS}.notNull().default(${NOW}),
  updated_at: ${TS}.notNull().default(${NOW}),
}, undefined, { comment: 'a tenant' });

export const workspaceSettings = table('workspace_settings', {
  workspace_id: integer().primaryKey().references(() => workspaces.id, { onDelete: 'cascade' }),
  default_visibility: visibility().notNull().default('workspace'),
  allow_guests: boolean().notNull().default(true),
  issue_prefix: varchar(8).notNull().default('ISS'),
  features: json(),
});

export const memberships = table('memberships', {
  workspace_id: integer().notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
  user_id: integer().notNull().references(() => users.id, { onDelete: 'cascade' }),
  role: memberRole().notNull().default('member'),
  joined_at: ${TS}.notNull().default(${NOW}),
}, (t) => [primaryKey({ columns: [t.workspace_id, t.user_id] }), index().on(t.user_id)]);

export const invitations = table('invitations', {
  id: serial().primaryKey(),
  workspace_id: integer().notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
  email: varchar(320).notNull(),
  role: memberRole().notNull().default('member'),
  status: invitationStatus().notNull().default('pending'),
  invited_by: integer().references(() => users.id, { onDelete: 'set null' }),
  token: char(40).notNull().unique(),
  expires_at: ${TS}.notNull(),
}, (t) => [uniqueIndex('invitations_pending_email_key').on(t.workspace_id, t.email).where(sql\`status = 'pending'\`)]);

export const teams = table('teams', {
  id: serial().primaryKey(),
  workspace_id: integer().notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
  key: varchar(10).notNull(),
  name: varchar(80).notNull(),
  description: text(),
  created_at: ${TS}.notNull().default(${NOW}),
}, (t) => [unique('teams_workspace_key_key').on(t.workspace_id, t.key)]);

export const teamMembers = table('team_members', {
  team_id: integer().notNull().references(() => teams.id, { onDelete: 'cascade' }),
  user_id: integer().notNull().references(() => users.id, { onDelete: 'cascade' }),
  is_lead: boolean().notNull().default(false),
}, (t) => [primaryKey({ columns: [t.team_id, t.user_id] })]);

export const projects = table('projects', {
  id: serial().primaryKey(),
  workspace_id: integer().notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
  team_id: integer().references(() => teams.id, { onDelete: 'set null' }),
  name: varchar(120).notNull(),
  identifier: varchar(12).notNull(),
  visibility: visibility().notNull().default('workspace'),
  lead_id: integer().references(() => users.id, { onDelete: 'set null' }),
  start_date: date(),
  target_date: date(),
  ${at(2, 'archived: boolean().notNull().default(false),')}
  settings: json(),
  created_at: ${TS}.notNull().default(${NOW}),
}, (t) => [
  unique().on(t.workspace_id, t.identifier),
  check('projects_dates_check', sql\`target_date IS NULL OR start_date IS NULL OR target_date >= start_date\`),
]);

export const projectMembers = table('project_members', {
  project_id: integer().notNull().references(() => projects.id, { onDelete: 'cascade' }),
  user_id: integer().notNull().references(() => users.id, { onDelete: 'cascade' }),
  role: memberRole().notNull().default('member'),
}, (t) => [primaryKey({ columns: [t.project_id, t.user_id] })]);

export const milestones = table('milestones', {
  id: serial().primaryKey(),
  project_id: integer().notNull().references(() => projects.id, { onDelete: 'cascade' }),
  name: varchar(120).notNull(),
  due_on: date(),
  sort_order: double().notNull().default(0),
});

export const cycles = table('cycles', {
  id: serial().primaryKey(),
  team_id: integer().notNull().references(() => teams.id, { onDelete: 'cascade' }),
  number: integer().notNull(),
  starts_at: ${TS}.notNull(),
  ends_at: ${TS}.notNull(),
  completed_at: ${TS},
}, (t) => [unique().on(t.team_id, t.number), check('cycles_range_check', sql\`ends_at > starts_at\`)]);

export const issueStates = table('issue_states', {
  id: serial().primaryKey(),
  team_id: integer().notNull().references(() => teams.id, { onDelete: 'cascade' }),
  name: varchar(60).notNull(),
  status: issueStatus().notNull(),
  color: char(7).notNull().default('#888888'),
  position: integer().notNull().default(0),
});

export const issues = table('issues', {
  id: bigserial().primaryKey(),
  workspace_id: integer().notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
  project_id: integer().notNull().references(() => projects.id, { onDelete: 'cascade' }),
  state_id: integer().references(() => issueStates.id, { onDelete: 'set null' }),
  cycle_id: integer().references(() => cycles.id, { onDelete: 'set null' }),
  milestone_id: integer().references(() => milestones.id, { onDelete: 'set null' }),
  parent_id: bigint().references((): ColumnRef => issues.id, { onDelete: 'set null' }),
  number: integer().notNull(),
  title: varchar(255).notNull(),
  description: text(),
  description_json: json(),
  status: issueStatus().notNull().default('backlog'),
  priority: issuePriority().notNull().default(${at(9, "'medium'", "'none'")}),
  ${at(1, 'estimate: integer(),')}
  creator_id: integer().references(() => users.id, { onDelete: 'set null' }),
  due_on: date(),
  sort_order: double().notNull().default(65535).comment("fractional index for the board's manual order"),
  created_at: ${TS}.notNull().default(${NOW}),
  updated_at: ${TS}.notNull().default(${NOW}),
  completed_at: ${TS},
  deleted_at: ${TS},
}, (t) => [
  unique('issues_project_number_key').on(t.project_id, t.number),
  index('issues_workspace_status_idx').on(t.workspace_id, t.status).where(sql\`deleted_at IS NULL\`),
  index().on(t.state_id),
  ${at(10, "index('issues_open_idx').on(t.project_id, t.state_id).where(sql`completed_at IS NULL`),")}
]);

export const issueAssignees = table('issue_assignees', {
  issue_id: bigint().notNull().references(() => issues.id, { onDelete: 'cascade' }),
  user_id: integer().notNull().references(() => users.id, { onDelete: 'cascade' }),
  assigned_at: ${TS}.notNull().default(${NOW}),
}, (t) => [primaryKey({ columns: [t.issue_id, t.user_id] }), index().on(t.user_id)]);

export const issueRelations = table('issue_relations', {
  id: bigserial().primaryKey(),
  issue_id: bigint().notNull().references(() => issues.id, { onDelete: 'cascade' }),
  related_issue_id: bigint().notNull().references(() => issues.id, { onDelete: 'cascade' }),
  kind: issueRelationKind().notNull(),
}, (t) => [unique().on(t.issue_id, t.related_issue_id, t.kind), check('issue_relations_self_check', sql\`issue_id <> related_issue_id\`)]);

export const issueWatchers = table('issue_watchers', {
  issue_id: bigint().notNull().references(() => issues.id, { onDelete: 'cascade' }),
  user_id: integer().notNull().references(() => users.id, { onDelete: 'cascade' }),
}, (t) => [primaryKey({ columns: [t.issue_id, t.user_id] })]);

export const labels = table('labels', {
  id: serial().primaryKey(),
  workspace_id: integer().notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
  team_id: integer().references(() => teams.id, { onDelete: 'cascade' }),
  name: varchar(60).notNull(),
  color: char(7).notNull().default('#cccccc'),
  description: text(),
}, (t) => [index().on(t.workspace_id)${at(8, ", unique('labels_workspace_team_name_key').on(t.workspace_id, t.team_id, t.name)")}]);

export const issueLabels = table('issue_labels', {
  issue_id: bigint().notNull().references(() => issues.id, { onDelete: 'cascade' }),
  label_id: integer().notNull().references(() => labels.id, { onDelete: 'cascade' }),
}, (t) => [primaryKey({ columns: [t.issue_id, t.label_id] }), index().on(t.label_id)]);

export const comments = table('comments', {
  id: bigserial().primaryKey(),
  issue_id: bigint().notNull().references(() => issues.id, { onDelete: 'cascade' }),
  author_id: integer().references(() => users.id, { onDelete: 'set null' }),
  parent_id: bigint().references((): ColumnRef => comments.id, { onDelete: 'cascade' }),
  body: text().notNull(),
  body_json: json(),
  edited_at: ${TS},
  created_at: ${TS}.notNull().default(${NOW}),
}, (t) => [${at(4, 'index().on(t.issue_id, t.created_at)', 'index().on(t.issue_id)')}]);

export const commentReactions = table('comment_reactions', {
  comment_id: bigint().notNull().references(() => comments.id, { onDelete: 'cascade' }),
  user_id: integer().notNull().references(() => users.id, { onDelete: 'cascade' }),
  emoji: varchar(32).notNull(),
  created_at: ${TS}.notNull().default(${NOW}),
}, (t) => [primaryKey({ columns: [t.comment_id, t.user_id, t.emoji] })]);

export const attachments = table('attachments', {
  id: uuid().primaryKey().default(sql\`gen_random_uuid()\`),
  issue_id: bigint().references(() => issues.id, { onDelete: 'cascade' }),
  comment_id: bigint().references(() => comments.id, { onDelete: 'cascade' }),
  uploader_id: integer().references(() => users.id, { onDelete: 'set null' }),
  file_name: varchar(255).notNull(),
  content_type: varchar(127).notNull().default('application/octet-stream'),
  size_bytes: bigint().notNull(),
  storage_key: text().notNull(),
  created_at: ${TS}.notNull().default(${NOW}),
}, (t) => [check('attachments_owner_check', sql\`issue_id IS NOT NULL OR comment_id IS NOT NULL\`)]);

export const customFields = table('custom_fields', {
  id: serial().primaryKey(),
  workspace_id: integer().notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
  name: varchar(80).notNull(),
  kind: fieldKind().notNull(),
  options: json(),
  required: boolean().notNull().default(false),
});

export const customFieldValues = table('custom_field_values', {
  field_id: integer().notNull().references(() => customFields.id, { onDelete: 'cascade' }),
  issue_id: bigint().notNull().references(() => issues.id, { onDelete: 'cascade' }),
  value: json().notNull(),
}, (t) => [primaryKey({ columns: [t.field_id, t.issue_id] })]);

export const views = table('views', {
  id: serial().primaryKey(),
  workspace_id: integer().notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
  owner_id: integer().references(() => users.id, { onDelete: 'cascade' }),
  name: varchar(120).notNull(),
  filters: json().notNull().default(sql\`'{}'::json\`),
  visibility: visibility().notNull().default('private'),
  created_at: ${TS}.notNull().default(${NOW}),
});

export const favorites = table('favorites', {
  id: serial().primaryKey(),
  user_id: integer().notNull().references(() => users.id, { onDelete: 'cascade' }),
  project_id: integer().references(() => projects.id, { onDelete: 'cascade' }),
  view_id: integer().references(() => views.id, { onDelete: 'cascade' }),
  position: integer().notNull().default(0),
});

export const notifications = table('notifications', {
  id: bigserial().primaryKey(),
  user_id: integer().notNull().references(() => users.id, { onDelete: 'cascade' }),
  issue_id: bigint().references(() => issues.id, { onDelete: 'cascade' }),
  kind: notificationKind().notNull(),
  payload: json().notNull(),
  read_at: ${TS},
  created_at: ${TS}.notNull().default(${NOW}),
}, (t) => [index('notifications_unread_idx').on(t.user_id, t.created_at).where(sql\`read_at IS NULL\`)]);

export const notificationPreferences = table('notification_preferences', {
  user_id: integer().notNull().references(() => users.id, { onDelete: 'cascade' }),
  kind: notificationKind().notNull(),
  email: boolean().notNull().default(true),
  push: boolean().notNull().default(true),
}, (t) => [primaryKey({ columns: [t.user_id, t.kind] })]);

export const integrations = table('integrations', {
  id: serial().primaryKey(),
  workspace_id: integer().notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
  provider: integrationProvider().notNull(),
  external_id: varchar(120).notNull(),
  config: json().notNull().default(sql\`'{}'::json\`),
  installed_by: integer().references(() => users.id, { onDelete: 'set null' }),
  created_at: ${TS}.notNull().default(${NOW}),
}, (t) => [unique().on(t.workspace_id, t.provider, t.external_id)]);

export const webhooks = table('webhooks', {
  id: serial().primaryKey(),
  workspace_id: integer().notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
  url: text().notNull(),
  secret: varchar(64).notNull(),
  events: json().notNull().default(sql\`'["issue.created"]'::json\`),
  enabled: boolean().notNull().default(true),
});

export const webhookDeliveries = table('webhook_deliveries', {
  id: bigserial().primaryKey(),
  webhook_id: integer().notNull().references(() => webhooks.id, { onDelete: 'cascade' }),
  event: varchar(64).notNull(),
  request_body: json().notNull(),
  response_status: smallint(),
  duration_ms: integer(),
  delivered_at: ${TS}.notNull().default(${NOW}),
}, (t) => [index().on(t.webhook_id, t.delivered_at)]);

export const documents = table('documents', {
  id: serial().primaryKey(),
  workspace_id: integer().notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
  project_id: integer().references(() => projects.id, { onDelete: 'set null' }),
  title: varchar(255).notNull().default('Untitled'),
  content: json(),
  visibility: visibility().notNull().default('workspace'),
  author_id: integer().references(() => users.id, { onDelete: 'set null' }),
  updated_at: ${TS}.notNull().default(${NOW}),
});

export const documentVersions = table('document_versions', {
  document_id: integer().notNull().references(() => documents.id, { onDelete: 'cascade' }),
  version: integer().notNull(),
  content: json().notNull(),
  author_id: integer().references(() => users.id, { onDelete: 'set null' }),
  created_at: ${TS}.notNull().default(${NOW}),
}, (t) => [primaryKey({ columns: [t.document_id, t.version] })]);

export const timeEntries = table('time_entries', {
  id: bigserial().primaryKey(),
  issue_id: bigint().notNull().references(() => issues.id, { onDelete: 'cascade' }),
  user_id: integer().notNull().references(() => users.id, { onDelete: 'cascade' }),
  minutes: integer().notNull(),
  note: text(),
  spent_on: date().notNull().default(sql\`CURRENT_DATE\`),
}, (t) => [check('time_entries_minutes_check', sql\`minutes > 0\`)]);

export const featureFlags = table('feature_flags', {
  key: varchar(64).primaryKey(),
  description: text(),
  enabled: boolean().notNull().default(false),
  rollout_percent: smallint().notNull().default(0),
});

export const featureFlagOverrides = table('feature_flag_overrides', {
  flag_key: varchar(64).notNull().references(() => featureFlags.key, { onDelete: 'cascade', onUpdate: 'cascade' }),
  workspace_id: integer().notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
  enabled: boolean().notNull(),
}, (t) => [primaryKey({ columns: [t.flag_key, t.workspace_id] })]);

export const auditEvents = table('audit_events', {
  id: bigserial().primaryKey(),
  workspace_id: integer().references(() => workspaces.id, { onDelete: 'set null' }),
  actor_id: integer().references(() => users.id, { onDelete: 'set null' }),
  action: varchar(64).notNull(),
  target_type: varchar(32),
  target_id: varchar(64),
  metadata: json(),
  ip: varchar(45),
  occurred_at: ${TS}.notNull().default(${NOW}),
}, (t) => [index().on(t.workspace_id, t.occurred_at)], { comment: 'append-only security log' });

export const importJobs = table('import_jobs', {
  id: serial().primaryKey(),
  workspace_id: integer().notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
  source: integrationProvider().notNull(),
  state: jobState().notNull().default('queued'),
  stats: json(),
  error: text(),
  created_at: ${TS}.notNull().default(${NOW}),
}, (t) => [index('import_jobs_pending_idx').on(t.created_at).where(sql\`state IN ('queued', 'running')\`)]);

export const exportJobs = table('export_jobs', {
  id: serial().primaryKey(),
  workspace_id: integer().notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
  requested_by: integer().references(() => users.id, { onDelete: 'set null' }),
  state: jobState().notNull().default('queued'),
  format: varchar(10).notNull().default('csv'),
  download_url: text(),
  created_at: ${TS}.notNull().default(${NOW}),
});

export const plans = billing.table('plans', {
  id: serial().primaryKey(),
  tier: planTier().notNull(),
  name: varchar(60).notNull(),
  monthly_cents: integer().notNull(),
  yearly_cents: integer().notNull(),
  seat_limit: integer(),
  features: json().notNull().default(sql\`'{}'::json\`),
  active: boolean().notNull().default(true),
}, (t) => [unique().on(t.tier, t.name)]);

export const customers = billing.table('customers', {
  id: serial().primaryKey(),
  workspace_id: integer().notNull().unique().references(() => workspaces.id, { onDelete: 'cascade' }),
  stripe_customer_id: varchar(64).unique(),
  billing_email: varchar(320).notNull(),
  tax_id: varchar(32),
  address: json(),
  created_at: ${TS}.notNull().default(${NOW}),
});

export const subscriptions = billing.table('subscriptions', {
  id: serial().primaryKey(),
  customer_id: integer().notNull().references(() => customers.id, { onDelete: 'cascade' }),
  plan_id: integer().notNull().references(() => plans.id, { onDelete: 'restrict' }),
  status: subscriptionStatus().notNull().default('trialing'),
  seats: integer().notNull().default(1),
  current_period_start: ${TS}.notNull(),
  current_period_end: ${TS}.notNull(),
  cancel_at: ${TS},
  trial_ends_at: ${TS},
}, (t) => [index('subscriptions_live_idx').on(t.customer_id).where(sql\`status <> 'canceled'\`)]);

export const coupons = billing.table('coupons', {
  code: varchar(32).primaryKey(),
  percent_off: smallint(),
  amount_off_cents: integer(),
  max_redemptions: integer(),
  expires_at: ${TS},
}, (t) => [check('coupons_discount_check', sql\`percent_off IS NOT NULL OR amount_off_cents IS NOT NULL\`)]);

export const invoices = billing.table('invoices', {
  id: serial().primaryKey(),
  customer_id: integer().notNull().references(() => customers.id, { onDelete: 'cascade' }),
  subscription_id: integer().references(() => subscriptions.id, { onDelete: 'set null' }),
  coupon_code: varchar(32).references(() => coupons.code, { onDelete: 'set null', onUpdate: 'cascade' }),
  number: varchar(32).notNull().unique(),
  status: invoiceStatus().notNull().default('draft'),
  currency: char(3).notNull().default('usd'),
  subtotal: numeric(12, 2).notNull().default(0),
  tax: numeric(12, 2).notNull().default(0),
  total: numeric(12, 2).notNull().default(0),
  issued_at: ${TS},
  due_at: ${TS},
  paid_at: ${TS},
});

export const invoiceLines = billing.table('invoice_lines', {
  invoice_id: integer().notNull().references(() => invoices.id, { onDelete: 'cascade' }),
  line_no: smallint().notNull(),
  description: varchar(255).notNull(),
  quantity: integer().notNull().default(1),
  unit_amount: numeric(12, 2).notNull(),
  period: json(),
}, (t) => [primaryKey({ columns: [t.invoice_id, t.line_no] })]);

export const paymentMethods = billing.table('payment_methods', {
  id: serial().primaryKey(),
  customer_id: integer().notNull().references(() => customers.id, { onDelete: 'cascade' }),
  brand: varchar(20).notNull(),
  last4: char(4).notNull(),
  exp_month: smallint().notNull(),
  exp_year: smallint().notNull(),
  is_default: boolean().notNull().default(false),
}, (t) => [uniqueIndex('payment_methods_one_default_key').on(t.customer_id).where(sql\`is_default\`)]);

export const payments = billing.table('payments', {
  id: bigserial().primaryKey(),
  invoice_id: integer().notNull().references(() => invoices.id, { onDelete: 'restrict' }),
  method_id: integer().references(() => paymentMethods.id, { onDelete: 'set null' }),
  amount: numeric(12, 2).notNull(),
  provider_ref: varchar(64).unique(),
  succeeded: boolean().notNull(),
  failure_reason: text(),
  created_at: ${TS}.notNull().default(${NOW}),
});
${at(
  5,
  `
export const issueTemplates = table('issue_templates', {
  id: serial().primaryKey(),
  project_id: integer().notNull().references(() => projects.id, { onDelete: 'cascade' }),
  name: varchar(80).notNull(),
  body: json().notNull(),
  default_priority: issuePriority().notNull().default('none'),
  created_at: ${TS}.notNull().default(${NOW}),
}, (t) => [unique().on(t.project_id, t.name)]);
`,
)}`;
}

/** Rows in 26 of the tables, inserted once at version 0 (plain SQL every step must keep). */
export const SAAS_ROWS: readonly string[] = [
  `INSERT INTO users (id, email, display_name, legacy_username, preferences) VALUES
    (1, 'ann@example.com', 'Ann', 'ann', '{"theme":"dark"}'), (2, 'bob@example.com', 'Bob', NULL, '{}'),
    (3, 'cy@example.com', 'Cy', 'cy_old', '{}')`,
  `INSERT INTO user_sessions (user_id, expires_at) VALUES (1, now() + interval '1 day')`,
  `INSERT INTO api_tokens (user_id, name, token_hash) VALUES (1, 'ci', repeat('a', 64))`,
  `INSERT INTO workspaces (id, slug, name, owner_id, tier) VALUES (1, 'acme', 'Acme Inc', 1, 'team'), (2, 'globex', 'Globex', 2, 'free')`,
  `INSERT INTO workspace_settings (workspace_id, features) VALUES (1, '{"cycles":true}')`,
  `INSERT INTO memberships (workspace_id, user_id, role) VALUES (1, 1, 'owner'), (1, 2, 'member'), (2, 2, 'owner'), (2, 3, 'guest')`,
  `INSERT INTO invitations (workspace_id, email, token, expires_at) VALUES (1, 'dan@example.com', repeat('t', 40), now())`,
  `INSERT INTO teams (id, workspace_id, key, name) VALUES (1, 1, 'ENG', 'Engineering'), (2, 1, 'DES', 'Design')`,
  `INSERT INTO team_members (team_id, user_id, is_lead) VALUES (1, 1, true), (1, 2, false)`,
  `INSERT INTO projects (id, workspace_id, team_id, name, identifier, lead_id, start_date, target_date)
    VALUES (1, 1, 1, 'Launch', 'LCH', 1, '2026-01-01', '2026-03-01'), (2, 1, 2, 'Brand', 'BRD', NULL, NULL, NULL)`,
  `INSERT INTO project_members (project_id, user_id) VALUES (1, 1), (1, 2)`,
  `INSERT INTO milestones (id, project_id, name) VALUES (1, 1, 'Beta')`,
  `INSERT INTO cycles (id, team_id, number, starts_at, ends_at) VALUES (1, 1, 1, '2026-01-01', '2026-01-15')`,
  `INSERT INTO issue_states (id, team_id, name, status) VALUES (1, 1, 'Todo', 'todo'), (2, 1, 'Done', 'done')`,
  `INSERT INTO issues (id, workspace_id, project_id, state_id, cycle_id, milestone_id, number, title, status, priority, creator_id, description_json)
    VALUES (1, 1, 1, 1, 1, 1, 1, 'Set up CI', 'todo', 'high', 1, '{"type":"doc"}'),
           (2, 1, 1, 2, NULL, NULL, 2, 'Write docs', 'done', 'none', 2, NULL),
           (3, 1, 2, NULL, NULL, NULL, 1, 'Logo', 'backlog', 'low', 1, NULL)`,
  `INSERT INTO issue_assignees (issue_id, user_id) VALUES (1, 1), (1, 2), (2, 2)`,
  `INSERT INTO issue_relations (issue_id, related_issue_id, kind) VALUES (1, 2, 'blocks')`,
  `INSERT INTO labels (id, workspace_id, team_id, name) VALUES (1, 1, 1, 'bug'), (2, 1, 1, 'feature'), (3, 1, NULL, 'bug')`,
  `INSERT INTO issue_labels (issue_id, label_id) VALUES (1, 2), (3, 1)`,
  `INSERT INTO comments (id, issue_id, author_id, body) VALUES (1, 1, 2, 'On it'), (2, 1, 1, 'Thanks')`,
  `INSERT INTO comment_reactions (comment_id, user_id, emoji) VALUES (1, 1, ':+1:')`,
  `INSERT INTO notifications (user_id, issue_id, kind, payload) VALUES (2, 1, 'assigned', '{"by":1}')`,
  `INSERT INTO feature_flags (key, enabled) VALUES ('new_editor', true)`,
  `INSERT INTO feature_flag_overrides (flag_key, workspace_id, enabled) VALUES ('new_editor', 2, false)`,
  `INSERT INTO audit_events (workspace_id, actor_id, action, metadata) VALUES (1, 1, 'workspace.created', '{}')`,
  `INSERT INTO billing.plans (id, tier, name, monthly_cents, yearly_cents) VALUES (1, 'team', 'Team', 800, 8000)`,
  `INSERT INTO billing.customers (id, workspace_id, billing_email) VALUES (1, 1, 'billing@acme.test')`,
  `INSERT INTO billing.subscriptions (id, customer_id, plan_id, status, current_period_start, current_period_end)
    VALUES (1, 1, 1, 'active', '2026-01-01', '2026-02-01')`,
  `INSERT INTO billing.invoices (id, customer_id, subscription_id, number, status, subtotal, total)
    VALUES (1, 1, 1, 'INV-0001', 'paid', 800.00, 800.00)`,
  `INSERT INTO billing.invoice_lines (invoice_id, line_no, description, unit_amount) VALUES (1, 1, 'Team plan', 800.00)`,
];

/** Tables whose row counts every step and every downgrade must keep. */
export const SAAS_COUNTED: readonly string[] = [
  'users',
  'workspaces',
  'memberships',
  'projects',
  'issues',
  'issue_assignees',
  'labels',
  'issue_labels',
  'comments',
  'billing.invoices',
  'billing.invoice_lines',
];

/** The SaaS corpus schema and its ten changes. */
export const SAAS: CorpusSchema = {
  body: saasSchema,
  changes: [
    'add a nullable column (issues.estimate)',
    'add a NOT NULL column with a default (projects.archived)',
    'widen a varchar (workspaces.name 80 → 160)',
    'replace an index by a wider one (comments issue_id → issue_id, created_at)',
    'add a table with a cascading FK (issue_templates)',
    'drop a column (users.legacy_username)',
    "add an enum value (issue_status 'triage')",
    'add a unique constraint (labels workspace/team/name)',
    "change a default (issues.priority 'none' → 'medium')",
    'add a partial index (issues_open_idx)',
  ],
  rows: SAAS_ROWS,
  counted: SAAS_COUNTED,
  minTables: 48,
  schemas: ['billing'],
};
