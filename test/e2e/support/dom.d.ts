// Types of dom.js: functions that run in the page, for page.evaluate.
export declare const lineTextInPage: (arg: { editorSel: string; line: number }) => string;
export declare const textBoxInPage: (arg: { editorSel: string; line: number; text: string; from: number }) => { x: number; y: number; width: number; height: number };
export declare const squigglesInPage: (arg: { editorSel: string; line: number; kind: string }) => { left: number; width: number }[];
export interface PreviewMeasure {
  viewWidth: number;
  scrollWidth: number;
  tables: { head: string; left: number; right: number; lastCellRight: number; fontPx: number }[];
}
export declare const measurePreview: (arg: { text: string }) => PreviewMeasure | undefined;
