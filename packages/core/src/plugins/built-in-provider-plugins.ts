/** A provider type chaosgarden has (or reserves) a plugin package for. */
export interface BuiltInProviderPlugin {
  /** Gardener's `spec.provider.type`, also the `chaosgarden.<type>.actions` module name part. */
  readonly providerType: string;
  /** The npm package serving it: `@chaosgarden/<type>`. */
  readonly packageName: string;
  /**
   * Whether the package is published. It only decides which error a missing package gives: "install
   * <package>" (published) or "unsupported provider" (reserved). An installed package is loaded either way,
   * so a plugin being built works before this is set.
   */
  readonly published: boolean;
}

const entry = (providerType: string, published: boolean): BuiltInProviderPlugin =>
  Object.freeze({ providerType, packageName: `@chaosgarden/${providerType}`, published });

/**
 * The provider types of the Python tool, in its order, and their packages: the one table garden, the CLI
 * (direct commands, `rollback`) and the experiment-module mapping read. Every type already has its row, so a
 * new plugin edits nothing here; publishing it flips `published`.
 */
export const builtInProviderPlugins: readonly BuiltInProviderPlugin[] = Object.freeze([
  entry('aws', true),
  entry('azure', false),
  entry('gcp', false),
  entry('openstack', false),
  entry('vsphere', false),
  entry('alicloud', false),
]);
