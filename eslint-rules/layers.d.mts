export declare const ELECTRON_LAYERS: Record<string, string[]>;
export declare function layerOf(file: string): string | null;
export declare function mayImport(from: string, to: string): boolean;
