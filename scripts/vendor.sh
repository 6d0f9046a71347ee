#!/usr/bin/env bash
# Refresh the vendored front-end files from npm. Nothing is fetched at run time:
# county networks are often closed, so the files are committed under rixin/static/vendor/.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
versions=(bootstrap@5.3 bootstrap-icons@1.11 htmx.org@2 echarts@5 leaflet@1.9 leaflet.markercluster@1.5)
(cd "$work" && npm init -y >/dev/null && npm install --no-audit --no-fund --silent "${versions[@]}")
dest=rixin/static/vendor
rm -rf "$dest" && mkdir -p "$dest"/{bootstrap,htmx,echarts,bootstrap-icons/fonts,leaflet/images}
m="$work/node_modules"
cp "$m/bootstrap/dist/css/bootstrap.min.css" "$dest/bootstrap/"
cp "$m/bootstrap/dist/js/bootstrap.bundle.min.js" "$dest/bootstrap/"
cp "$m/bootstrap/LICENSE" "$dest/bootstrap/LICENSE"
cp "$m/htmx.org/dist/htmx.min.js" "$dest/htmx/"
cp "$m/htmx.org/LICENSE" "$dest/htmx/LICENSE"
cp "$m/echarts/dist/echarts.min.js" "$dest/echarts/"
cp "$m/echarts/LICENSE" "$dest/echarts/LICENSE"
cp "$m/bootstrap-icons/font/bootstrap-icons.min.css" "$dest/bootstrap-icons/"
cp "$m/bootstrap-icons/font/fonts/bootstrap-icons.woff2" "$m/bootstrap-icons/font/fonts/bootstrap-icons.woff" "$dest/bootstrap-icons/fonts/"
cp "$m/bootstrap-icons/LICENSE" "$dest/bootstrap-icons/LICENSE"
# Leaflet and its marker clusters (the project map, rixin/maps); its CSS names images/.
cp "$m/leaflet/dist/leaflet.js" "$m/leaflet/dist/leaflet.css" "$dest/leaflet/"
cp "$m/leaflet/dist/images/"*.png "$dest/leaflet/images/"
cp "$m/leaflet/LICENSE" "$dest/leaflet/LICENSE"
cp "$m/leaflet.markercluster/dist/leaflet.markercluster.js" "$dest/leaflet/"
cp "$m/leaflet.markercluster/dist/MarkerCluster.css" "$m/leaflet.markercluster/dist/MarkerCluster.Default.css" "$dest/leaflet/"
cp "$m/leaflet.markercluster/MIT-LICENCE.txt" "$dest/leaflet/LICENSE.markercluster"
# Source maps are not vendored, so drop the comments that name them (the production
# static storage would refuse to start on a missing file).
find "$dest" -name '*.js' -o -name '*.css' | xargs sed -i -E '/^\/[\/*]# sourceMappingURL=.*$/d; s#/\*\# sourceMappingURL=[^*]*\*/##; s#//\# sourceMappingURL=.*$##'
{
  echo "# Vendored front-end files (refreshed by make vendor)"
  for pkg in bootstrap bootstrap-icons htmx.org echarts leaflet leaflet.markercluster; do
    echo "- $pkg $(node -p "require('$m/$pkg/package.json').version")"
  done
} > "$dest/VERSIONS.md"
cat "$dest/VERSIONS.md"
