/** Colours that stay apart for the common forms of colour blindness (Okabe-Ito, then Tableau). */
const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#D55E00', '#56B4E9', '#8C6D31', '#7F7F7F', '#BCBD22', '#9467BD'];

export const colorFor = (index: number) => PALETTE[((index % PALETTE.length) + PALETTE.length) % PALETTE.length]!;
