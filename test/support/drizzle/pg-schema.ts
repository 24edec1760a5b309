// A drizzle-orm schema for PostgreSQL as a shop with accounts writes it: 22 tables,
// enums (one in a pgSchema), serials and identities, arrays, composite keys, uniques,
// indexes (partial, gin), checks and defaults. The "kiln-test:" comments mark where
// the drizzle integration test adds a column and an index.
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  char,
  check,
  date,
  doublePrecision,
  foreignKey,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgSchema,
  pgTable,
  primaryKey,
  real,
  serial,
  smallint,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';

export const role = pgEnum('role', ['owner', 'admin', 'member']);
export const orderStatus = pgEnum('order_status', ['cart', 'placed', 'paid', 'shipped', 'cancelled']);
export const billing = pgSchema('billing');
export const invoiceState = billing.enum('invoice_state', ['draft', 'open', 'void']);

export const accounts = pgTable('accounts', {
  id: serial().primaryKey(),
  name: varchar({ length: 120 }).notNull(),
  slug: varchar({ length: 60 }).notNull().unique(),
  plan: text().notNull().default('free'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const users = pgTable(
  'users',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    email: varchar({ length: 255 }).notNull(),
    displayName: text('display_name'),
    active: boolean().notNull().default(true),
    settings: jsonb().notNull().default({ theme: 'light' }),
    token: uuid().notNull().defaultRandom(),
    nickname: text().$defaultFn(() => 'anon'),
  },
  (t) => [uniqueIndex('users_email_key').on(t.email), check('users_email_at', sql`position('@' in ${t.email}) > 1`)],
);

export const memberships = pgTable(
  'memberships',
  {
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: role().notNull().default('member'),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.userId] }), index('memberships_user_idx').on(t.userId)],
);

export const categories = pgTable(
  'categories',
  {
    id: serial().primaryKey(),
    parentId: integer('parent_id'),
    name: varchar({ length: 80 }).notNull(),
  },
  (t) => [
    foreignKey({ columns: [t.parentId], foreignColumns: [t.id], name: 'categories_parent_fk' }).onDelete('set null'),
  ],
);

export const products = pgTable(
  'products',
  {
    id: serial().primaryKey(),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id),
    categoryId: integer('category_id').references(() => categories.id, { onDelete: 'set null' }),
    sku: char({ length: 12 }).notNull(),
    title: varchar({ length: 200 }).notNull(),
    price: numeric({ precision: 10, scale: 2 }).notNull(),
    tags: text().array().notNull().default(sql`'{}'::text[]`),
    rating: real(),
    // kiln-test: extra column
  },
  (t) => [
    unique('products_account_sku').on(t.accountId, t.sku),
    check('products_price_positive', sql`${t.price} >= ${0}`),
    index('products_tags_gin').using('gin', t.tags),
    index().on(t.categoryId),
    // kiln-test: extra index
  ],
);

export const productImages = pgTable('product_images', {
  id: serial().primaryKey(),
  productId: integer('product_id')
    .notNull()
    .references(() => products.id, { onDelete: 'cascade' }),
  url: text().notNull(),
  position: smallint().notNull().default(0),
});

export const warehouses = pgTable('warehouses', {
  id: serial().primaryKey(),
  code: varchar({ length: 10 }).notNull().unique('warehouses_code_key'),
  latitude: doublePrecision(),
  longitude: doublePrecision(),
});

export const stock = pgTable(
  'stock',
  {
    warehouseId: integer('warehouse_id')
      .notNull()
      .references(() => warehouses.id),
    productId: integer('product_id')
      .notNull()
      .references(() => products.id),
    quantity: integer().notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.warehouseId, t.productId] }),
    check('stock_quantity_nonnegative', sql`${t.quantity} >= 0`),
  ],
);

export const stockMoves = pgTable(
  'stock_moves',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    warehouseId: integer('warehouse_id').notNull(),
    productId: integer('product_id').notNull(),
    delta: integer().notNull(),
    movedAt: timestamp('moved_at').notNull().defaultNow(),
  },
  (t) => [
    foreignKey({
      columns: [t.warehouseId, t.productId],
      foreignColumns: [stock.warehouseId, stock.productId],
      name: 'stock_moves_stock_fk',
    }).onDelete('cascade'),
    index('stock_moves_moved_at_idx').on(t.movedAt),
  ],
);

export const customers = pgTable(
  'customers',
  {
    id: serial().primaryKey(),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id),
    email: varchar({ length: 255 }).notNull(),
    name: text().notNull(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('customers_live_email').on(t.accountId, t.email).where(sql`${t.deletedAt} is null`)],
);

export const addresses = pgTable('addresses', {
  id: serial().primaryKey(),
  customerId: integer('customer_id')
    .notNull()
    .references(() => customers.id, { onDelete: 'cascade' }),
  line1: text().notNull(),
  city: varchar({ length: 100 }).notNull(),
  country: char({ length: 2 }).notNull().default('DE'),
});

export const orders = pgTable(
  'orders',
  {
    id: serial().primaryKey(),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id),
    shippingAddressId: integer('shipping_address_id').references(() => addresses.id),
    status: orderStatus().notNull().default('cart'),
    total: numeric({ precision: 12, scale: 2 }).notNull().default('0'),
    placedAt: timestamp('placed_at', { withTimezone: true }),
  },
  (t) => [index('orders_customer_status_idx').on(t.customerId, t.status)],
);

export const orderLines = pgTable(
  'order_lines',
  {
    orderId: integer('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    lineNo: smallint('line_no').notNull(),
    productId: integer('product_id')
      .notNull()
      .references(() => products.id),
    quantity: integer().notNull(),
    unitPrice: numeric('unit_price', { precision: 10, scale: 2 }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orderId, t.lineNo] }),
    check('order_lines_quantity_positive', sql`${t.quantity} > 0`),
  ],
);

export const shipments = pgTable('shipments', {
  id: serial().primaryKey(),
  orderId: integer('order_id')
    .notNull()
    .references(() => orders.id),
  carrier: varchar({ length: 40 }).notNull(),
  trackingCode: varchar('tracking_code', { length: 80 }).unique(),
  shippedOn: date('shipped_on'),
});

export const shipmentLines = pgTable(
  'shipment_lines',
  {
    shipmentId: integer('shipment_id')
      .notNull()
      .references(() => shipments.id, { onDelete: 'cascade' }),
    orderId: integer('order_id').notNull(),
    lineNo: smallint('line_no').notNull(),
    quantity: integer().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.shipmentId, t.orderId, t.lineNo] }),
    foreignKey({ columns: [t.orderId, t.lineNo], foreignColumns: [orderLines.orderId, orderLines.lineNo] }),
  ],
);

export const coupons = pgTable(
  'coupons',
  {
    id: serial().primaryKey(),
    code: varchar({ length: 30 }).notNull(),
    percentOff: smallint('percent_off').notNull(),
    validUntil: date('valid_until'),
  },
  (t) => [unique().on(t.code), check('coupons_percent_range', sql`${t.percentOff} between 1 and 100`)],
);

export const orderCoupons = pgTable(
  'order_coupons',
  {
    orderId: integer('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    couponId: integer('coupon_id')
      .notNull()
      .references(() => coupons.id),
  },
  (t) => [primaryKey({ columns: [t.orderId, t.couponId] })],
);

export const reviews = pgTable(
  'reviews',
  {
    id: serial().primaryKey(),
    productId: integer('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    customerId: integer('customer_id').references(() => customers.id, { onDelete: 'set null' }),
    stars: smallint().notNull(),
    body: text(),
  },
  (t) => [check('reviews_stars_range', sql`${t.stars} between 1 and 5`), index('reviews_product_idx').on(t.productId)],
);

export const apiKeys = pgTable('api_keys', {
  id: uuid().primaryKey().defaultRandom(),
  accountId: integer('account_id')
    .notNull()
    .references(() => accounts.id, { onDelete: 'cascade' }),
  label: varchar({ length: 60 }).notNull(),
  scopes: text().array().notNull(),
  revoked: boolean().notNull().default(false),
});

export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    accountId: integer('account_id').references(() => accounts.id, { onDelete: 'set null' }),
    action: varchar({ length: 60 }).notNull(),
    payload: jsonb(),
    at: timestamp({ withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [index('audit_log_account_at_idx').on(t.accountId, t.at)],
);

export const invoices = billing.table(
  'invoices',
  {
    id: serial().primaryKey(),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id),
    state: invoiceState().notNull().default('draft'),
    amount: numeric({ precision: 12, scale: 2 }).notNull(),
    issuedOn: date('issued_on').notNull().default(sql`current_date`),
  },
  (t) => [index('invoices_account_idx').on(t.accountId)],
);

export const payments = billing.table('payments', {
  id: serial().primaryKey(),
  invoiceId: integer('invoice_id')
    .notNull()
    .references(() => invoices.id, { onDelete: 'restrict' }),
  amount: numeric({ precision: 12, scale: 2 }).notNull(),
  method: varchar({ length: 20 }).notNull().default('card'),
});
