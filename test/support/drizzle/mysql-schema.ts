// A drizzle-orm schema for MySQL/MariaDB as a shop with accounts writes it: 22
// tables, inline enums, serial and auto-increment keys, composite keys and foreign
// keys, uniques, indexes, checks and defaults (literal, boolean, json, sql). The
// "kiln-test:" comments mark where the drizzle integration test adds a column and an index.
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  char,
  check,
  date,
  datetime,
  decimal,
  double,
  float,
  foreignKey,
  index,
  int,
  json,
  mysqlEnum,
  mysqlTable,
  primaryKey,
  serial,
  smallint,
  text,
  timestamp,
  tinyint,
  unique,
  uniqueIndex,
  varchar,
} from 'drizzle-orm/mysql-core';

export const accounts = mysqlTable('accounts', {
  id: serial().primaryKey(),
  name: varchar({ length: 120 }).notNull(),
  slug: varchar({ length: 60 }).notNull().unique(),
  plan: varchar({ length: 20 }).notNull().default('free'),
  createdAt: timestamp('created_at').notNull().defaultNow(),
});

export const users = mysqlTable(
  'users',
  {
    id: int().primaryKey().autoincrement(),
    email: varchar({ length: 255 }).notNull(),
    displayName: text('display_name'),
    active: boolean().notNull().default(true),
    settings: json(),
    nickname: varchar({ length: 40 }).$defaultFn(() => 'anon'),
  },
  (t) => [uniqueIndex('users_email_key').on(t.email), check('users_email_at', sql`locate('@', ${t.email}) > 1`)],
);

export const memberships = mysqlTable(
  'memberships',
  {
    accountId: bigint('account_id', { mode: 'number', unsigned: true })
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    userId: int('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: mysqlEnum(['owner', 'admin', 'member']).notNull().default('member'),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.userId] }), index('memberships_user_idx').on(t.userId)],
);

export const categories = mysqlTable(
  'categories',
  {
    id: int().primaryKey().autoincrement(),
    parentId: int('parent_id'),
    name: varchar({ length: 80 }).notNull(),
  },
  (t) => [
    foreignKey({ columns: [t.parentId], foreignColumns: [t.id], name: 'categories_parent_fk' }).onDelete('set null'),
  ],
);

export const products = mysqlTable(
  'products',
  {
    id: int().primaryKey().autoincrement(),
    accountId: bigint('account_id', { mode: 'number', unsigned: true })
      .notNull()
      .references(() => accounts.id),
    categoryId: int('category_id').references(() => categories.id, { onDelete: 'set null' }),
    sku: char({ length: 12 }).notNull(),
    title: varchar({ length: 200 }).notNull(),
    price: decimal({ precision: 10, scale: 2 }).notNull(),
    rating: float(),
    // kiln-test: extra column
  },
  (t) => [
    unique('products_account_sku').on(t.accountId, t.sku),
    check('products_price_positive', sql`${t.price} >= ${0}`),
    index('products_category_idx').on(t.categoryId),
    // kiln-test: extra index
  ],
);

export const productImages = mysqlTable('product_images', {
  id: int().primaryKey().autoincrement(),
  productId: int('product_id')
    .notNull()
    .references(() => products.id, { onDelete: 'cascade' }),
  url: varchar({ length: 500 }).notNull(),
  position: smallint().notNull().default(0),
});

export const warehouses = mysqlTable('warehouses', {
  id: int().primaryKey().autoincrement(),
  code: varchar({ length: 10 }).notNull().unique('warehouses_code_key'),
  latitude: double(),
  longitude: double(),
});

export const stock = mysqlTable(
  'stock',
  {
    warehouseId: int('warehouse_id')
      .notNull()
      .references(() => warehouses.id),
    productId: int('product_id')
      .notNull()
      .references(() => products.id),
    quantity: int().notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.warehouseId, t.productId] }),
    check('stock_quantity_nonnegative', sql`${t.quantity} >= 0`),
  ],
);

export const stockMoves = mysqlTable(
  'stock_moves',
  {
    id: bigint({ mode: 'number' }).primaryKey().autoincrement(),
    warehouseId: int('warehouse_id').notNull(),
    productId: int('product_id').notNull(),
    delta: int().notNull(),
    movedAt: datetime('moved_at').notNull().default(sql`CURRENT_TIMESTAMP`),
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

export const customers = mysqlTable(
  'customers',
  {
    id: int().primaryKey().autoincrement(),
    accountId: bigint('account_id', { mode: 'number', unsigned: true })
      .notNull()
      .references(() => accounts.id),
    email: varchar({ length: 255 }).notNull(),
    name: varchar({ length: 200 }).notNull(),
    deletedAt: datetime('deleted_at'),
  },
  (t) => [uniqueIndex('customers_account_email').on(t.accountId, t.email)],
);

export const addresses = mysqlTable('addresses', {
  id: int().primaryKey().autoincrement(),
  customerId: int('customer_id')
    .notNull()
    .references(() => customers.id, { onDelete: 'cascade' }),
  line1: varchar({ length: 200 }).notNull(),
  city: varchar({ length: 100 }).notNull(),
  country: char({ length: 2 }).notNull().default('DE'),
});

export const orders = mysqlTable(
  'orders',
  {
    id: int().primaryKey().autoincrement(),
    customerId: int('customer_id')
      .notNull()
      .references(() => customers.id),
    shippingAddressId: int('shipping_address_id').references(() => addresses.id),
    status: mysqlEnum(['cart', 'placed', 'paid', 'shipped', 'cancelled']).notNull().default('cart'),
    total: decimal({ precision: 12, scale: 2 }).notNull().default('0.00'),
    placedAt: datetime('placed_at', { fsp: 3 }),
  },
  (t) => [index('orders_customer_status_idx').on(t.customerId, t.status)],
);

export const orderLines = mysqlTable(
  'order_lines',
  {
    orderId: int('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    lineNo: smallint('line_no').notNull(),
    productId: int('product_id')
      .notNull()
      .references(() => products.id),
    quantity: int().notNull(),
    unitPrice: decimal('unit_price', { precision: 10, scale: 2 }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orderId, t.lineNo] }),
    check('order_lines_quantity_positive', sql`${t.quantity} > 0`),
  ],
);

export const shipments = mysqlTable('shipments', {
  id: int().primaryKey().autoincrement(),
  orderId: int('order_id')
    .notNull()
    .references(() => orders.id),
  carrier: varchar({ length: 40 }).notNull(),
  trackingCode: varchar('tracking_code', { length: 80 }).unique(),
  shippedOn: date('shipped_on'),
});

export const shipmentLines = mysqlTable(
  'shipment_lines',
  {
    shipmentId: int('shipment_id')
      .notNull()
      .references(() => shipments.id, { onDelete: 'cascade' }),
    orderId: int('order_id').notNull(),
    lineNo: smallint('line_no').notNull(),
    quantity: int().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.shipmentId, t.orderId, t.lineNo] }),
    foreignKey({ columns: [t.orderId, t.lineNo], foreignColumns: [orderLines.orderId, orderLines.lineNo] }),
  ],
);

export const coupons = mysqlTable(
  'coupons',
  {
    id: int().primaryKey().autoincrement(),
    code: varchar({ length: 30 }).notNull(),
    percentOff: tinyint('percent_off').notNull(),
    validUntil: date('valid_until'),
  },
  (t) => [unique().on(t.code), check('coupons_percent_range', sql`${t.percentOff} between 1 and 100`)],
);

export const orderCoupons = mysqlTable(
  'order_coupons',
  {
    orderId: int('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    couponId: int('coupon_id')
      .notNull()
      .references(() => coupons.id),
  },
  (t) => [primaryKey({ columns: [t.orderId, t.couponId] })],
);

export const reviews = mysqlTable(
  'reviews',
  {
    id: int().primaryKey().autoincrement(),
    productId: int('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    customerId: int('customer_id').references(() => customers.id, { onDelete: 'set null' }),
    stars: tinyint().notNull(),
    body: text(),
  },
  (t) => [check('reviews_stars_range', sql`${t.stars} between 1 and 5`), index('reviews_product_idx').on(t.productId)],
);

export const apiKeys = mysqlTable('api_keys', {
  id: char({ length: 36 }).primaryKey(),
  accountId: bigint('account_id', { mode: 'number', unsigned: true })
    .notNull()
    .references(() => accounts.id, { onDelete: 'cascade' }),
  label: varchar({ length: 60 }).notNull(),
  scopes: json().notNull(),
  revoked: boolean().notNull().default(false),
});

export const auditLog = mysqlTable(
  'audit_log',
  {
    id: bigint({ mode: 'number' }).primaryKey().autoincrement(),
    accountId: bigint('account_id', { mode: 'number', unsigned: true }).references(() => accounts.id, {
      onDelete: 'set null',
    }),
    action: varchar({ length: 60 }).notNull(),
    payload: json(),
    at: timestamp({ fsp: 3 }).notNull().default(sql`CURRENT_TIMESTAMP(3)`),
  },
  (t) => [index('audit_log_account_at_idx').on(t.accountId, t.at)],
);

export const invoices = mysqlTable(
  'invoices',
  {
    id: int().primaryKey().autoincrement(),
    accountId: bigint('account_id', { mode: 'number', unsigned: true })
      .notNull()
      .references(() => accounts.id),
    state: mysqlEnum(['draft', 'open', 'void']).notNull().default('draft'),
    amount: decimal({ precision: 12, scale: 2 }).notNull(),
    issuedOn: date('issued_on').notNull(),
  },
  (t) => [index('invoices_account_idx').on(t.accountId)],
);

export const payments = mysqlTable('payments', {
  id: int().primaryKey().autoincrement(),
  invoiceId: int('invoice_id')
    .notNull()
    .references(() => invoices.id, { onDelete: 'restrict' }),
  amount: decimal({ precision: 12, scale: 2 }).notNull(),
  method: varchar({ length: 20 }).notNull().default('card'),
});
