// A drizzle-orm schema for SQLite as a shop with accounts writes it: 22 tables,
// text enums, auto-increment keys, composite keys and foreign keys, uniques,
// indexes (partial too), checks and defaults (literal, boolean, json, sql). The
// "kiln-test:" comments mark where the drizzle integration test adds a column and an index.
import { sql } from 'drizzle-orm';
import {
  blob,
  check,
  foreignKey,
  index,
  integer,
  numeric,
  primaryKey,
  real,
  sqliteTable,
  text,
  unique,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';

const ROLES = ['owner', 'admin', 'member'] as const;
const ORDER_STATUSES = ['cart', 'placed', 'paid', 'shipped', 'cancelled'] as const;

export const accounts = sqliteTable('accounts', {
  id: integer().primaryKey({ autoIncrement: true }),
  name: text({ length: 120 }).notNull(),
  slug: text().notNull().unique(),
  plan: text().notNull().default('free'),
  createdAt: integer('created_at', { mode: 'timestamp' }).notNull().default(sql`(unixepoch())`),
});

export const users = sqliteTable(
  'users',
  {
    id: integer().primaryKey(),
    email: text().notNull(),
    displayName: text('display_name'),
    active: integer({ mode: 'boolean' }).notNull().default(true),
    settings: text({ mode: 'json' }).notNull().default({ theme: 'light' }),
    nickname: text().$defaultFn(() => 'anon'),
  },
  (t) => [uniqueIndex('users_email_key').on(t.email), check('users_email_at', sql`instr(${t.email}, '@') > 1`)],
);

export const memberships = sqliteTable(
  'memberships',
  {
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text({ enum: ROLES }).notNull().default('member'),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.userId] }), index('memberships_user_idx').on(t.userId)],
);

export const categories = sqliteTable(
  'categories',
  {
    id: integer().primaryKey(),
    parentId: integer('parent_id'),
    name: text().notNull(),
  },
  (t) => [
    foreignKey({ columns: [t.parentId], foreignColumns: [t.id], name: 'categories_parent_fk' }).onDelete('set null'),
  ],
);

export const products = sqliteTable(
  'products',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id),
    categoryId: integer('category_id').references(() => categories.id, { onDelete: 'set null' }),
    sku: text().notNull(),
    title: text().notNull(),
    price: numeric().notNull(),
    tags: text({ mode: 'json' }).notNull().default(sql`'[]'`),
    rating: real(),
    // kiln-test: extra column
  },
  (t) => [
    unique('products_account_sku').on(t.accountId, t.sku),
    check('products_price_positive', sql`${t.price} >= ${0}`),
    index('products_category_idx').on(t.categoryId),
    // kiln-test: extra index
  ],
);

export const productImages = sqliteTable('product_images', {
  id: integer().primaryKey(),
  productId: integer('product_id')
    .notNull()
    .references(() => products.id, { onDelete: 'cascade' }),
  url: text().notNull(),
  position: integer().notNull().default(0),
  thumbnail: blob({ mode: 'buffer' }),
});

export const warehouses = sqliteTable('warehouses', {
  id: integer().primaryKey(),
  code: text().notNull().unique('warehouses_code_key'),
  latitude: real(),
  longitude: real(),
});

export const stock = sqliteTable(
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

export const stockMoves = sqliteTable(
  'stock_moves',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    warehouseId: integer('warehouse_id').notNull(),
    productId: integer('product_id').notNull(),
    delta: integer().notNull(),
    movedAt: text('moved_at').notNull().default(sql`(CURRENT_TIMESTAMP)`),
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

export const customers = sqliteTable(
  'customers',
  {
    id: integer().primaryKey(),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id),
    email: text().notNull(),
    name: text().notNull(),
    deletedAt: integer('deleted_at', { mode: 'timestamp' }),
  },
  (t) => [uniqueIndex('customers_live_email').on(t.accountId, t.email).where(sql`${t.deletedAt} is null`)],
);

export const addresses = sqliteTable('addresses', {
  id: integer().primaryKey(),
  customerId: integer('customer_id')
    .notNull()
    .references(() => customers.id, { onDelete: 'cascade' }),
  line1: text().notNull(),
  city: text().notNull(),
  country: text({ length: 2 }).notNull().default('DE'),
});

export const orders = sqliteTable(
  'orders',
  {
    id: integer().primaryKey(),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id),
    shippingAddressId: integer('shipping_address_id').references(() => addresses.id),
    status: text({ enum: ORDER_STATUSES }).notNull().default('cart'),
    total: numeric().notNull().default('0'),
    placedAt: integer('placed_at', { mode: 'timestamp_ms' }),
  },
  (t) => [index('orders_customer_status_idx').on(t.customerId, t.status)],
);

export const orderLines = sqliteTable(
  'order_lines',
  {
    orderId: integer('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    lineNo: integer('line_no').notNull(),
    productId: integer('product_id')
      .notNull()
      .references(() => products.id),
    quantity: integer().notNull(),
    unitPrice: numeric('unit_price').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orderId, t.lineNo] }),
    check('order_lines_quantity_positive', sql`${t.quantity} > 0`),
  ],
);

export const shipments = sqliteTable('shipments', {
  id: integer().primaryKey(),
  orderId: integer('order_id')
    .notNull()
    .references(() => orders.id),
  carrier: text().notNull(),
  trackingCode: text('tracking_code').unique(),
  shippedOn: text('shipped_on'),
});

export const shipmentLines = sqliteTable(
  'shipment_lines',
  {
    shipmentId: integer('shipment_id')
      .notNull()
      .references(() => shipments.id, { onDelete: 'cascade' }),
    orderId: integer('order_id').notNull(),
    lineNo: integer('line_no').notNull(),
    quantity: integer().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.shipmentId, t.orderId, t.lineNo] }),
    foreignKey({ columns: [t.orderId, t.lineNo], foreignColumns: [orderLines.orderId, orderLines.lineNo] }),
  ],
);

export const coupons = sqliteTable(
  'coupons',
  {
    id: integer().primaryKey(),
    code: text().notNull(),
    percentOff: integer('percent_off').notNull(),
    validUntil: text('valid_until'),
  },
  (t) => [unique().on(t.code), check('coupons_percent_range', sql`${t.percentOff} between 1 and 100`)],
);

export const orderCoupons = sqliteTable(
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

export const reviews = sqliteTable(
  'reviews',
  {
    id: integer().primaryKey(),
    productId: integer('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    customerId: integer('customer_id').references(() => customers.id, { onDelete: 'set null' }),
    stars: integer().notNull(),
    body: text(),
  },
  (t) => [check('reviews_stars_range', sql`${t.stars} between 1 and 5`), index('reviews_product_idx').on(t.productId)],
);

export const apiKeys = sqliteTable('api_keys', {
  id: text().primaryKey(),
  accountId: integer('account_id')
    .notNull()
    .references(() => accounts.id, { onDelete: 'cascade' }),
  label: text().notNull(),
  scopes: text({ mode: 'json' }).notNull(),
  revoked: integer({ mode: 'boolean' }).notNull().default(false),
});

export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    accountId: integer('account_id').references(() => accounts.id, { onDelete: 'set null' }),
    action: text().notNull(),
    payload: blob({ mode: 'json' }),
    at: integer({ mode: 'timestamp_ms' }).notNull().default(sql`(unixepoch() * 1000)`),
  },
  (t) => [index('audit_log_account_at_idx').on(t.accountId, t.at)],
);

export const invoices = sqliteTable(
  'invoices',
  {
    id: integer().primaryKey(),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id),
    state: text({ enum: ['draft', 'open', 'void'] })
      .notNull()
      .default('draft'),
    amount: numeric().notNull(),
    issuedOn: text('issued_on').notNull().default(sql`(CURRENT_DATE)`),
  },
  (t) => [index('invoices_account_idx').on(t.accountId)],
);

export const payments = sqliteTable('payments', {
  id: integer().primaryKey(),
  invoiceId: integer('invoice_id')
    .notNull()
    .references(() => invoices.id, { onDelete: 'restrict' }),
  amount: numeric().notNull(),
  method: text().notNull().default('card'),
});
