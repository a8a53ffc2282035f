/** Age bands of minors (the server decides the same way from the same band). */
export const isMinorBand = (band: string | null | undefined) => band === '0-11' || band === '12-17';
