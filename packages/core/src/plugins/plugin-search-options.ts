/** A place plugin packages are resolved from: a directory (a project) or a module's URL (its install). */
export type PluginSearchBase = string | URL;

/** Where a plugin package is looked for. */
export interface PluginSearchOptions {
  /**
   * The calling module, `import.meta.url`: after the user's project, the package is looked for where the
   * caller itself is installed (a global install of the CLI, say). Default: only the project.
   */
  caller?: PluginSearchBase | undefined;
  /**
   * The places to look in, in order, instead of the default `[process.cwd(), caller]`: directory paths
   * or module URLs (`file:` strings count as URLs). Only these are looked at.
   */
  searchFrom?: readonly PluginSearchBase[] | undefined;
  /** Checked before anything is imported. */
  signal?: AbortSignal | undefined;
}
