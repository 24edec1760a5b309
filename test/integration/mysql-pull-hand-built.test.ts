import { pullHandBuilt } from '../support/pull-trip.js';

/**
 * `kiln pull` of a MySQL/MariaDB database written in plain SQL: unsigned
 * auto-increment keys, inline enums, a column collation and a table
 * charset, JSON, fractional seconds, comments, a self-reference, a
 * composite key and foreign key, and a type kiln has no builder for.
 */
pullHandBuilt(
  'pull: a MySQL/MariaDB database built by hand',
  [
    `CREATE TABLE customers (
      id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
      email VARCHAR(190) COLLATE utf8mb4_bin NOT NULL,
      status ENUM('active', 'banned') NOT NULL DEFAULT 'active',
      balance DECIMAL(10, 2) NOT NULL DEFAULT 0.00,
      settings JSON,
      founded YEAR,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      referrer_id INT UNSIGNED,
      UNIQUE KEY customers_email (email),
      KEY customers_created (created_at),
      CONSTRAINT customers_referrer FOREIGN KEY (referrer_id) REFERENCES customers (id) ON DELETE SET NULL
    ) ENGINE=InnoDB COMMENT='shop customers'`,
    `CREATE TABLE orders (
      customer_id INT UNSIGNED NOT NULL,
      number INT NOT NULL,
      total DECIMAL(12, 2) NOT NULL COMMENT 'with tax',
      PRIMARY KEY (customer_id, number),
      CONSTRAINT orders_total_check CHECK (total >= 0),
      CONSTRAINT orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE
    ) DEFAULT CHARSET=latin1`,
    `CREATE TABLE order_lines (
      id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
      customer_id INT UNSIGNED NOT NULL,
      number INT NOT NULL,
      qty SMALLINT NOT NULL DEFAULT 1,
      gift TINYINT(1) NOT NULL DEFAULT 0,
      CONSTRAINT order_lines_order FOREIGN KEY (customer_id, number) REFERENCES orders (customer_id, number)
    )`,
  ],
  [
    /id: integer\(\)\.unsigned\(\)\.primaryKey\(\{ autoIncrement: true \}\)/,
    /email: varchar\(190\)\.collate\('utf8mb4_bin'\)\.notNull\(\)\.unique\('customers_email'\)/,
    // A MySQL ENUM has no type name: it is pulled inline, not given one made from its table and column.
    /status: inlineEnum\(\['active', 'banned'\]\)\.notNull\(\)\.default\('active'\)/,
    /settings: json\(\)/,
    /founded: rawType\('year(\(4\))?'\)/,
    /referrerId: integer\('referrer_id'\)\.unsigned\(\)\.references\(\(\) => customers\.id/,
    /\{ comment: 'shop customers' \}/,
    /charset: 'latin1'/,
    /\.comment\('with tax'\)/,
    /foreignColumns: \[\(\) => orders\.customerId, \(\) => orders\.number\]/,
  ],
);
