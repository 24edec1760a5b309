import { defineConfig } from 'kiln';

export default defineConfig({
  url: process.env.DATABASE_URL ?? 'sqlite:./datatube.db',
  schema: './src/schema.ts',
  migrations: './migrations',
});
