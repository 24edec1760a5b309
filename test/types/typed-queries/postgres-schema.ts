// The PostgreSQL-only part of the fixture: a schema (namespace), an identity column, an array.
import { integer, schema, serial, text } from 'kiln';

const billing = schema('billing');

export const invoiceState = billing.enumType('invoice_state', ['open', 'paid', 'void']);

export const invoices = billing.table('invoice', {
  id: serial().primaryKey(),
  number: integer().generatedAlwaysAsIdentity(),
  labels: text().array().notNull(),
  // node-postgres parses arrays of built-in types only: an enum array reads as its text.
  history: invoiceState().array(),
});
