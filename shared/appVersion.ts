/**
 * This app's version, as package.json says it (a test keeps the two equal).
 * The team server compares it with the range of versions it supports: a desk
 * outside the range keeps logging locally and stops pushing until updated.
 */
export const APP_VERSION = '0.1.0';
