import type { CorpusSchema } from './lifecycle.js';

/**
 * A multi-store shop on MySQL/MariaDB (modelled on drizzle mysql-core
 * commerce schemas): 47 tables with unsigned BIGINT auto-increment keys,
 * TINYINT/MEDIUMINT columns, column collations and table charsets, inline
 * ENUMs, JSON, fractional-second timestamps, comments, checks, and one index
 * name (`store_idx`) reused on many tables — legal on MySQL, where index
 * names are per table. With `reuse` false every table gets its own name.
 */
export function commerceSchema(v: number, reuse: boolean): string {
  const at = (n: number, text: string, otherwise = ''): string => (v >= n ? text : otherwise);
  const idx = (table: string, name: string): string => (reuse ? `'${name}'` : `'${table}_${name}'`);
  const ID = 'bigint().unsigned().primaryKey({ autoIncrement: true })';
  const ref = (target: string, rule = 'cascade', notNull = true): string =>
    `bigint().unsigned()${notNull ? '.notNull()' : ''}.references(() => ${target}.id, { onDelete: '${rule}' })`;
  const STORE = ref('stores');
  const CREATED = 'timestamp().notNull().default(sql`CURRENT_TIMESTAMP`)';
  const UTF8 = "{ charset: 'utf8mb4', collation: 'utf8mb4_unicode_ci' }";
  return `
export const orderStatus = enumType('order_status', ['pending', 'paid', 'fulfilled', 'canceled', 'refunded'${at(7, ", 'on_hold'")}]);
export const paymentState = enumType('payment_state', ['authorized', 'captured', 'failed', 'voided']);
export const shipmentState = enumType('shipment_state', ['ready', 'shipped', 'delivered', 'returned']);
export const discountKind = enumType('discount_kind', ['percent', 'fixed', 'free_shipping']);
export const addressKind = enumType('address_kind', ['billing', 'shipping']);

export const stores = table('stores', {
  id: ${ID},
  handle: varchar(64).notNull().collate('utf8mb4_bin').unique(),
  name: varchar(120).notNull(),
  currency: char(3).notNull().default('USD'),
  timezone: varchar(64).notNull().default('UTC'),
  plan_level: tinyint().unsigned().notNull().default(1),
  settings: json(),
  created_at: ${CREATED},
}, undefined, { comment: 'one merchant', ...${UTF8} });

export const storeDomains = table('store_domains', {
  id: ${ID},
  store_id: ${STORE},
  host: varchar(191).notNull().collate('utf8mb4_general_ci').unique(),
  is_primary: boolean().notNull().default(false),
}, (t) => [index(${idx('store_domains', 'store_idx')}).on(t.store_id)]);

export const users = table('users', {
  id: ${ID},
  store_id: ${STORE},
  email: varchar(191).notNull().collate('utf8mb4_general_ci'),
  first_name: varchar(60),
  last_name: varchar(60),
  phone: varchar(32),
  accepts_marketing: boolean().notNull().default(false),
  orders_count: mediumint().unsigned().notNull().default(0),
  created_at: ${CREATED},
  // Last: a column a downgrade adds back comes back last.
  ${at(6, '', 'legacy_password_hash: char(60),')}
}, (t) => [index(${idx('users', 'store_idx')}).on(t.store_id), unique('users_store_email_key').on(t.store_id, t.email)], ${UTF8});

export const addresses = table('addresses', {
  id: ${ID},
  user_id: ${ref('users')},
  kind: addressKind().notNull().default('shipping'),
  line1: varchar(255).notNull(),
  line2: varchar(255),
  city: varchar(120).notNull(),
  region: varchar(120),
  postal_code: varchar(20),
  country: char(2).notNull(),
}, (t) => [index(${idx('addresses', 'user_idx')}).on(t.user_id)]);

export const userSessions = table('user_sessions', {
  id: char(64).primaryKey().collate('ascii_bin'),
  user_id: ${ref('users')},
  expires_at: timestamp({ precision: 3 }).notNull(),
  created_at: timestamp({ precision: 3 }).notNull().default(sql\`CURRENT_TIMESTAMP(3)\`),
}, (t) => [index(${idx('user_sessions', 'user_idx')}).on(t.user_id)]);

export const staffAccounts = table('staff_accounts', {
  id: ${ID},
  store_id: ${STORE},
  email: varchar(191).notNull(),
  role: tinyint().unsigned().notNull().default(0).comment('0 viewer, 1 editor, 2 admin'),
  two_factor: boolean().notNull().default(false),
}, (t) => [index(${idx('staff_accounts', 'store_idx')}).on(t.store_id)]);

export const categories = table('categories', {
  id: ${ID},
  store_id: ${STORE},
  parent_id: bigint().unsigned().references((): ColumnRef => categories.id, { onDelete: 'set null' }),
  slug: varchar(120).notNull().collate('utf8mb4_bin'),
  name: varchar(120).notNull(),
  depth: tinyint().unsigned().notNull().default(0),
  position: smallint().unsigned().notNull().default(0),
}, (t) => [index(${idx('categories', 'store_idx')}).on(t.store_id), unique().on(t.store_id, t.slug)]);

export const brands = table('brands', {
  id: ${ID},
  store_id: ${STORE},
  slug: varchar(120).notNull().collate('utf8mb4_bin'),
  name: varchar(120).notNull(),
  logo_url: varchar(512),
}, (t) => [index(${idx('brands', 'store_idx')}).on(t.store_id)${at(8, ", unique('brands_store_slug_key').on(t.store_id, t.slug)")}]);

export const products = table('products', {
  id: ${ID},
  store_id: ${STORE},
  brand_id: ${ref('brands', 'set null', false)},
  sku: varchar(${at(3, '100', '64')}).notNull().collate('utf8mb4_bin'),
  title: varchar(255).notNull(),
  description: text(),
  price: numeric(10, 2).notNull(),
  compare_at_price: numeric(10, 2),
  stock: mediumint().notNull().default(0),
  status: tinyint().notNull().default(1),
  attributes: json(),
  ${at(1, 'weight_grams: mediumint().unsigned(),')}
  created_at: ${CREATED},
  updated_at: timestamp().notNull().default(sql\`CURRENT_TIMESTAMP\`),
}, (t) => [
  index(${idx('products', 'store_idx')}).on(t.store_id),
  unique('products_store_sku_key').on(t.store_id, t.sku),
  index(${idx('products', 'brand_idx')}).on(t.brand_id),
  check('products_price_check', sql\`price >= 0\`),
], { comment: 'catalogue items', ...${UTF8} });

export const productTranslations = table('product_translations', {
  product_id: ${ref('products')},
  locale: varchar(10).notNull().collate('ascii_bin'),
  title: varchar(255).notNull(),
  description: text(),
}, (t) => [primaryKey({ columns: [t.product_id, t.locale] })]);

export const productCategories = table('product_categories', {
  product_id: ${ref('products')},
  category_id: ${ref('categories')},
  position: smallint().unsigned().notNull().default(0),
}, (t) => [primaryKey({ columns: [t.product_id, t.category_id] }), index(${idx('product_categories', 'category_idx')}).on(t.category_id)]);

export const productImages = table('product_images', {
  id: ${ID},
  product_id: ${ref('products')},
  url: varchar(512).notNull(),
  alt: varchar(255),
  position: tinyint().unsigned().notNull().default(0),
}, (t) => [index(${idx('product_images', 'product_idx')}).on(t.product_id)]);

export const productOptions = table('product_options', {
  id: ${ID},
  product_id: ${ref('products')},
  name: varchar(60).notNull(),
  position: tinyint().unsigned().notNull().default(0),
}, (t) => [index(${idx('product_options', 'product_idx')}).on(t.product_id)]);

export const productOptionValues = table('product_option_values', {
  id: ${ID},
  option_id: ${ref('productOptions')},
  value: varchar(60).notNull(),
}, (t) => [index(${idx('product_option_values', 'option_idx')}).on(t.option_id)]);

export const variants = table('variants', {
  id: ${ID},
  product_id: ${ref('products')},
  sku: varchar(64).notNull().collate('utf8mb4_bin'),
  barcode: varchar(32),
  price: numeric(10, 2).notNull(),
  weight_grams: mediumint().unsigned(),
  inventory_policy: tinyint().notNull().default(0),
}, (t) => [index(${idx('variants', 'product_idx')}).on(t.product_id), unique('variants_sku_key').on(t.product_id, t.sku)]);

export const variantOptionValues = table('variant_option_values', {
  variant_id: ${ref('variants')},
  option_value_id: ${ref('productOptionValues')},
}, (t) => [primaryKey({ columns: [t.variant_id, t.option_value_id] })]);

export const inventoryLocations = table('inventory_locations', {
  id: ${ID},
  store_id: ${STORE},
  name: varchar(120).notNull(),
  is_active: boolean().notNull().default(true),
}, (t) => [index(${idx('inventory_locations', 'store_idx')}).on(t.store_id)]);

export const inventoryLevels = table('inventory_levels', {
  variant_id: ${ref('variants')},
  location_id: ${ref('inventoryLocations')},
  available: mediumint().notNull().default(0),
  reserved: mediumint().unsigned().notNull().default(0),
  updated_at: timestamp({ precision: 3 }).notNull().default(sql\`CURRENT_TIMESTAMP(3)\`),
}, (t) => [primaryKey({ columns: [t.variant_id, t.location_id] }), index(${idx('inventory_levels', 'location_idx')}).on(t.location_id)]);

export const priceLists = table('price_lists', {
  id: ${ID},
  store_id: ${STORE},
  name: varchar(120).notNull(),
  currency: char(3).notNull(),
}, (t) => [index(${idx('price_lists', 'store_idx')}).on(t.store_id)]);

export const priceListItems = table('price_list_items', {
  price_list_id: ${ref('priceLists')},
  variant_id: ${ref('variants')},
  price: numeric(10, 2).notNull(),
}, (t) => [primaryKey({ columns: [t.price_list_id, t.variant_id] })]);

export const carts = table('carts', {
  id: ${ID},
  store_id: ${STORE},
  user_id: ${ref('users', 'set null', false)},
  token: char(32).notNull().collate('ascii_bin').unique(),
  currency: char(3).notNull().default(${at(9, "'EUR'", "'USD'")}),
  note: text(),
  created_at: ${CREATED},
}, (t) => [index(${idx('carts', 'store_idx')}).on(t.store_id), index(${idx('carts', 'user_idx')}).on(t.user_id)]);

export const cartItems = table('cart_items', {
  id: ${ID},
  cart_id: ${ref('carts')},
  variant_id: ${ref('variants')},
  quantity: smallint().unsigned().notNull().default(1),
}, (t) => [index(${idx('cart_items', 'cart_idx')}).on(t.cart_id)]);

export const orders = table('orders', {
  id: ${ID},
  store_id: ${STORE},
  user_id: ${ref('users', 'set null', false)},
  number: integer().unsigned().notNull(),
  status: orderStatus().notNull().default('pending'),
  email: varchar(191).notNull(),
  currency: char(3).notNull(),
  subtotal: numeric(12, 2).notNull(),
  shipping_total: numeric(12, 2).notNull().default('0.00'),
  tax_total: numeric(12, 2).notNull().default('0.00'),
  total: numeric(12, 2).notNull(),
  ${at(2, "source: varchar(20).notNull().default('web'),")}
  metadata: json(),
  placed_at: timestamp({ precision: 3 }),
  created_at: ${CREATED},
}, (t) => [
  index(${idx('orders', 'store_idx')}).on(t.store_id),
  index(${idx('orders', 'user_idx')}).on(t.user_id),
  unique('orders_store_number_key').on(t.store_id, t.number),
  ${at(4, `index(${idx('orders', 'status_idx')}).on(t.status, t.created_at),`)}
], ${UTF8});

export const orderItems = table('order_items', {
  id: ${ID},
  order_id: ${ref('orders')},
  variant_id: ${ref('variants', 'set null', false)},
  title: varchar(255).notNull(),
  sku: varchar(64).collate('utf8mb4_bin'),
  quantity: smallint().unsigned().notNull(),
  unit_price: numeric(10, 2).notNull(),
}, (t) => [index(${idx('order_items', 'order_idx')}).on(t.order_id)]);

export const orderAddresses = table('order_addresses', {
  order_id: ${ref('orders')},
  kind: addressKind().notNull(),
  name: varchar(120).notNull(),
  line1: varchar(255).notNull(),
  city: varchar(120).notNull(),
  country: char(2).notNull(),
}, (t) => [primaryKey({ columns: [t.order_id, t.kind] })]);

export const payments = table('payments', {
  id: ${ID},
  order_id: ${ref('orders', 'restrict')},
  state: paymentState().notNull(),
  gateway: varchar(32).notNull(),
  amount: numeric(12, 2).notNull(),
  gateway_ref: varchar(128).collate('ascii_bin'),
  created_at: ${CREATED},
}, (t) => [index(${idx('payments', 'order_idx')}).on(t.order_id)]);

export const refunds = table('refunds', {
  id: ${ID},
  payment_id: ${ref('payments', 'restrict')},
  amount: numeric(12, 2).notNull(),
  reason: varchar(255),
  created_at: ${CREATED},
}, (t) => [index(${idx('refunds', 'payment_idx')}).on(t.payment_id)]);

export const shipments = table('shipments', {
  id: ${ID},
  order_id: ${ref('orders')},
  state: shipmentState().notNull().default('ready'),
  carrier: varchar(32),
  tracking_number: varchar(64).collate('ascii_bin'),
  shipped_at: timestamp(),
}, (t) => [index(${idx('shipments', 'order_idx')}).on(t.order_id)]);

export const shipmentItems = table('shipment_items', {
  shipment_id: ${ref('shipments')},
  order_item_id: ${ref('orderItems')},
  quantity: smallint().unsigned().notNull(),
}, (t) => [primaryKey({ columns: [t.shipment_id, t.order_item_id] })]);

export const shippingZones = table('shipping_zones', {
  id: ${ID},
  store_id: ${STORE},
  name: varchar(120).notNull(),
  countries: json().notNull(),
}, (t) => [index(${idx('shipping_zones', 'store_idx')}).on(t.store_id)]);

export const shippingRates = table('shipping_rates', {
  id: ${ID},
  zone_id: ${ref('shippingZones')},
  name: varchar(120).notNull(),
  price: numeric(10, 2).notNull(),
  min_weight_grams: mediumint().unsigned(),
  max_weight_grams: mediumint().unsigned(),
}, (t) => [index(${idx('shipping_rates', 'zone_idx')}).on(t.zone_id)]);

export const taxRates = table('tax_rates', {
  id: ${ID},
  store_id: ${STORE},
  country: char(2).notNull(),
  region: varchar(120),
  rate: numeric(6, 4).notNull(),
}, (t) => [index(${idx('tax_rates', 'store_idx')}).on(t.store_id)]);

export const discounts = table('discounts', {
  id: ${ID},
  store_id: ${STORE},
  code: varchar(64).notNull().collate('utf8mb4_general_ci'),
  kind: discountKind().notNull(),
  value: numeric(10, 2).notNull(),
  usage_limit: mediumint().unsigned(),
  starts_at: timestamp(),
  ends_at: timestamp(),
}, (t) => [index(${idx('discounts', 'store_idx')}).on(t.store_id), unique().on(t.store_id, t.code)]);

export const discountRedemptions = table('discount_redemptions', {
  id: ${ID},
  discount_id: ${ref('discounts')},
  order_id: ${ref('orders')},
  amount: numeric(10, 2).notNull(),
}, (t) => [index(${idx('discount_redemptions', 'discount_idx')}).on(t.discount_id), index(${idx('discount_redemptions', 'order_idx')}).on(t.order_id)]);

export const giftCards = table('gift_cards', {
  id: ${ID},
  store_id: ${STORE},
  code: char(16).notNull().collate('ascii_bin'),
  balance: numeric(10, 2).notNull(),
  expires_on: date(),
}, (t) => [index(${idx('gift_cards', 'store_idx')}).on(t.store_id), unique().on(t.code)]);

export const reviews = table('reviews', {
  id: ${ID},
  product_id: ${ref('products')},
  user_id: ${ref('users', 'set null', false)},
  rating: tinyint().unsigned().notNull(),
  title: varchar(120),
  body: text(),
  approved: boolean().notNull().default(false),
  created_at: ${CREATED},
}, (t) => [index(${idx('reviews', 'product_idx')}).on(t.product_id)${at(10, ", check('reviews_rating_check', sql`rating BETWEEN 1 AND 5`)")}]);

export const reviewVotes = table('review_votes', {
  review_id: ${ref('reviews')},
  user_id: ${ref('users')},
  helpful: boolean().notNull(),
}, (t) => [primaryKey({ columns: [t.review_id, t.user_id] })]);

export const wishlists = table('wishlists', {
  id: ${ID},
  user_id: ${ref('users')},
  name: varchar(120).notNull().default('Wishlist'),
  is_public: boolean().notNull().default(false),
}, (t) => [index(${idx('wishlists', 'user_idx')}).on(t.user_id)]);

export const wishlistItems = table('wishlist_items', {
  wishlist_id: ${ref('wishlists')},
  variant_id: ${ref('variants')},
  added_at: ${CREATED},
}, (t) => [primaryKey({ columns: [t.wishlist_id, t.variant_id] })]);

export const collections = table('collections', {
  id: ${ID},
  store_id: ${STORE},
  handle: varchar(120).notNull().collate('utf8mb4_bin'),
  title: varchar(255).notNull(),
  rules: json(),
}, (t) => [index(${idx('collections', 'store_idx')}).on(t.store_id), unique().on(t.store_id, t.handle)]);

export const collectionProducts = table('collection_products', {
  collection_id: ${ref('collections')},
  product_id: ${ref('products')},
  position: mediumint().unsigned().notNull().default(0),
}, (t) => [primaryKey({ columns: [t.collection_id, t.product_id] }), index(${idx('collection_products', 'product_idx')}).on(t.product_id)]);

export const pages = table('pages', {
  id: ${ID},
  store_id: ${STORE},
  handle: varchar(120).notNull().collate('utf8mb4_bin'),
  title: varchar(255).notNull(),
  body: text(),
  published: boolean().notNull().default(false),
}, (t) => [index(${idx('pages', 'store_idx')}).on(t.store_id)], ${UTF8});

export const menus = table('menus', {
  id: ${ID},
  store_id: ${STORE},
  handle: varchar(64).notNull(),
}, (t) => [index(${idx('menus', 'store_idx')}).on(t.store_id)]);

export const menuItems = table('menu_items', {
  id: ${ID},
  menu_id: ${ref('menus')},
  parent_id: bigint().unsigned().references((): ColumnRef => menuItems.id, { onDelete: 'cascade' }),
  title: varchar(120).notNull(),
  url: varchar(512).notNull(),
  position: tinyint().unsigned().notNull().default(0),
}, (t) => [index(${idx('menu_items', 'menu_idx')}).on(t.menu_id)]);

export const webhookSubscriptions = table('webhook_subscriptions', {
  id: ${ID},
  store_id: ${STORE},
  topic: varchar(64).notNull(),
  address: varchar(512).notNull(),
  format: varchar(8).notNull().default('json'),
}, (t) => [index(${idx('webhook_subscriptions', 'store_idx')}).on(t.store_id)]);

export const settings = table('settings', {
  store_id: ${STORE},
  name: varchar(64).notNull().collate('ascii_bin'),
  value: json().notNull(),
}, (t) => [primaryKey({ columns: [t.store_id, t.name] })]);

export const newsletterSubscribers = table('newsletter_subscribers', {
  id: ${ID},
  store_id: ${STORE},
  email: varchar(191).notNull().collate('utf8mb4_general_ci'),
  confirmed: boolean().notNull().default(false),
  subscribed_at: ${CREATED},
}, (t) => [index(${idx('newsletter_subscribers', 'store_idx')}).on(t.store_id), unique().on(t.store_id, t.email)]);
${at(
  5,
  `
export const productBundles = table('product_bundles', {
  id: ${ID},
  bundle_product_id: ${ref('products')},
  item_product_id: ${ref('products')},
  quantity: tinyint().unsigned().notNull().default(1),
}, (t) => [index(${idx('product_bundles', 'bundle_idx')}).on(t.bundle_product_id), index(${idx('product_bundles', 'item_idx')}).on(t.item_product_id)]);
`,
)}`;
}

/** Rows in 24 of the tables, inserted once at version 0. */
export const COMMERCE_ROWS: readonly string[] = [
  "INSERT INTO stores (id, handle, name, plan_level, settings) VALUES (1, 'acme', 'Acme', 2, '{\"theme\":\"dawn\"}'), (2, 'Acme', 'Acme EU', 1, NULL)",
  "INSERT INTO store_domains (store_id, host, is_primary) VALUES (1, 'shop.acme.test', TRUE)",
  `INSERT INTO users (id, store_id, email, first_name, orders_count, legacy_password_hash)
    VALUES (1, 1, 'ann@example.com', 'Ann', 2, NULL), (2, 1, 'bob@example.com', 'Bob', 0, 'x'), (3, 2, 'ann@example.com', 'Ann', 1, NULL)`,
  "INSERT INTO addresses (user_id, line1, city, country) VALUES (1, '1 Main St', 'Springfield', 'US')",
  "INSERT INTO categories (id, store_id, parent_id, slug, name) VALUES (1, 1, NULL, 'shoes', 'Shoes'), (2, 1, 1, 'boots', 'Boots')",
  "INSERT INTO brands (id, store_id, slug, name) VALUES (1, 1, 'acme', 'Acme'), (2, 1, 'Acme', 'ACME Pro')",
  `INSERT INTO products (id, store_id, brand_id, sku, title, price, stock, attributes)
    VALUES (1, 1, 1, 'BOOT-1', 'Hiking boot', 120.00, 10, '{"color":"brown"}'), (2, 1, 2, 'boot-1', 'Trail boot', 99.50, 3, NULL)`,
  "INSERT INTO product_translations (product_id, locale, title) VALUES (1, 'fr', 'Chaussure de randonnée')",
  'INSERT INTO product_categories (product_id, category_id) VALUES (1, 2), (2, 2)',
  "INSERT INTO product_options (id, product_id, name) VALUES (1, 1, 'Size')",
  "INSERT INTO product_option_values (id, option_id, value) VALUES (1, 1, '42'), (2, 1, '43')",
  "INSERT INTO variants (id, product_id, sku, price, weight_grams) VALUES (1, 1, 'BOOT-1-42', 120.00, 900), (2, 1, 'BOOT-1-43', 120.00, 950)",
  'INSERT INTO variant_option_values (variant_id, option_value_id) VALUES (1, 1), (2, 2)',
  "INSERT INTO inventory_locations (id, store_id, name) VALUES (1, 1, 'Warehouse')",
  'INSERT INTO inventory_levels (variant_id, location_id, available) VALUES (1, 1, 5), (2, 1, -1)',
  "INSERT INTO carts (id, store_id, user_id, token) VALUES (1, 1, 1, 'abcdefabcdefabcdefabcdefabcdefab')",
  'INSERT INTO cart_items (cart_id, variant_id, quantity) VALUES (1, 2, 1)',
  `INSERT INTO orders (id, store_id, user_id, number, status, email, currency, subtotal, total)
    VALUES (1, 1, 1, 1001, 'paid', 'ann@example.com', 'USD', 120.00, 130.00), (2, 1, NULL, 1002, 'pending', 'x@example.com', 'USD', 99.50, 99.50)`,
  "INSERT INTO order_items (id, order_id, variant_id, title, sku, quantity, unit_price) VALUES (1, 1, 1, 'Hiking boot', 'BOOT-1-42', 1, 120.00)",
  "INSERT INTO payments (id, order_id, state, gateway, amount) VALUES (1, 1, 'captured', 'stripe', 130.00)",
  "INSERT INTO shipments (id, order_id, state, carrier) VALUES (1, 1, 'shipped', 'ups')",
  'INSERT INTO shipment_items (shipment_id, order_item_id, quantity) VALUES (1, 1, 1)',
  "INSERT INTO reviews (product_id, user_id, rating, title) VALUES (1, 1, 5, 'Great')",
  "INSERT INTO settings (store_id, name, value) VALUES (1, 'checkout', '{\"guest\":true}')",
];

/** Tables whose row counts every step and every downgrade must keep. */
export const COMMERCE_COUNTED: readonly string[] = [
  'stores',
  'users',
  'categories',
  'brands',
  'products',
  'variants',
  'inventory_levels',
  'carts',
  'orders',
  'order_items',
  'payments',
  'reviews',
  'settings',
];

/** The commerce corpus schema and its ten changes; `reuse` names every store index `store_idx`. */
export function commerce(reuse: boolean): CorpusSchema {
  return {
    body: (v) => commerceSchema(v, reuse),
    changes: [
      'add a nullable MEDIUMINT UNSIGNED column (products.weight_grams)',
      "add a NOT NULL column with a default (orders.source 'web')",
      'widen a varchar with a collation (products.sku 64 → 100, utf8mb4_bin kept)',
      'add an index (orders status_idx)',
      'add a table with two FKs (product_bundles)',
      'drop a column (users.legacy_password_hash)',
      "add an inline ENUM value (orders.status 'on_hold')",
      'add a unique constraint (brands store/slug)',
      "change a default (carts.currency 'USD' → 'EUR')",
      'add a check constraint (reviews rating 1..5)',
    ],
    rows: COMMERCE_ROWS,
    counted: COMMERCE_COUNTED,
    minTables: 47,
  };
}
