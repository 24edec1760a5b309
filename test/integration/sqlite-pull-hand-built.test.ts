import { pullHandBuilt } from '../support/pull-trip.js';

/** `kiln pull` of a SQLite database written in plain SQL, with SQLite's own spellings and unnamed constraints. */
pullHandBuilt(
  'pull: a SQLite database built by hand',
  [
    `CREATE TABLE authors (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      name TEXT NOT NULL COLLATE NOCASE,
      email VARCHAR(120) UNIQUE,
      born DATE,
      rating REAL DEFAULT 0,
      active BOOLEAN NOT NULL DEFAULT 1,
      created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
      mentor_id INTEGER REFERENCES authors(id) ON DELETE SET NULL
    )`,
    `CREATE TABLE books (
      author_id INTEGER NOT NULL REFERENCES authors(id) ON DELETE CASCADE,
      seq INTEGER NOT NULL,
      title TEXT NOT NULL,
      price NUMERIC(10, 2) CONSTRAINT books_price_check CHECK (price >= 0),
      PRIMARY KEY (author_id, seq)
    )`,
    'CREATE INDEX books_title_idx ON books (title) WHERE price > 0',
    `CREATE TABLE "book reviews" (
      id INTEGER PRIMARY KEY,
      author_id INTEGER NOT NULL,
      seq INTEGER NOT NULL,
      body BLOB,
      FOREIGN KEY (author_id, seq) REFERENCES books (author_id, seq) ON DELETE CASCADE
    )`,
  ],
  [
    /export const authors = table\('authors', \{/,
    /name: text\(\)\.collate\('NOCASE'\)\.notNull\(\)/,
    /mentorId: integer\('mentor_id'\)\.references\(\(\) => authors\.id, \{ onDelete: 'set null' \}\)/,
    /primaryKey\(\{ columns: \[t\.authorId, t\.seq\]/,
    /index\('books_title_idx'\)\.on\(t\.title\)\.where\(sql`price > 0`\)/,
    /export const bookReviews = table\('book reviews'/,
    /foreignColumns: \[\(\) => books\.authorId, \(\) => books\.seq\]/,
  ],
);
