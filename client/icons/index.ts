/**
 * The providers' icons (resources/icons/<provider id>.svg, the ones the element templates
 * embed), bundled as SVG text, for the replace and append menus and the canvas.
 */
const icons = import.meta.webpackContext('../../resources/icons', { recursive: false, regExp: /\.svg$/ });

const byProvider = new Map(icons.keys().map(key => {
  const loaded = icons(key);
  const id = key.replace(/^.*\//, '').replace(/\.svg$/, '');

  return [ id, typeof loaded === 'string' ? loaded : loaded.default ];
}));

/** The provider's icon as a `data:` URL (for `<img>` and menu entries). */
export function providerIconUrl(providerId: string): string | undefined {
  const svg = byProvider.get(providerId);

  return svg && `data:image/svg+xml,${ encodeURIComponent(svg) }`;
}
