/**
 * `true` when the list holds every code of T (a union from the generated API
 * types): client code lists are proven complete against the server at compile time.
 */
export type Covers<T, L extends readonly unknown[]> = [Exclude<T, L[number]>] extends [never]
  ? true
  : false;
