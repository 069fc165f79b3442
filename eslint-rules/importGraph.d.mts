export declare const SOURCE_FOLDERS: string[];
export interface FoundSpecifier { specifier: string; line: number; start: number; end: number }
export interface ImportEdge extends FoundSpecifier { from: string; to: string }
export declare function specifiersOf(fileName: string, text: string): FoundSpecifier[];
export declare function resolveRelative(fromFile: string, specifier: string, exists: (file: string) => boolean): string | null;
export declare function readSources(root: string, folders?: readonly string[]): Map<string, string>;
export declare function importGraph(files: ReadonlyMap<string, string>): ImportEdge[];
export declare function cyclesOf(edges: readonly ImportEdge[]): string[][];
