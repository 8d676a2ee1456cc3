// map.html's script: the collection's scenes on an OpenLayers map, read straight from their COGs by HTTP range.
// index-build writes the page's data as JSON into <script id="scenelift-map" type="application/json">; every href in
// it is relative to the page. The view is the ARD grid's own Albers projection (registered with proj4), so the COGs
// are drawn pixel for pixel, untouched; footprints and the graticule are projected into it. A scene is drawn first
// from its map preview (a small true-colour RGBA COG on its grid, read by geotiff.js and drawn by the 2D canvas: no
// WebGL start-up on the way to the first picture), then by the WebGL layer from its SR COGs, which covers it.
import 'ol/ol.css';
import Map from 'ol/Map.js';
import View from 'ol/View.js';
import WebGLTileLayer from 'ol/layer/WebGLTile.js';
import ImageLayer from 'ol/layer/Image.js';
import ImageCanvasSource from 'ol/source/ImageCanvas.js';
import {fromUrl} from 'geotiff';
import TileLayer from 'ol/layer/Tile.js';
import VectorLayer from 'ol/layer/Vector.js';
import Graticule from 'ol/layer/Graticule.js';
import GeoTIFF from 'ol/source/GeoTIFF.js';
import VectorSource from 'ol/source/Vector.js';
import XYZ from 'ol/source/XYZ.js';
import GeoJSON from 'ol/format/GeoJSON.js';
import {Fill, Stroke, Style} from 'ol/style.js';
import {get as getProjection, toLonLat, transform} from 'ol/proj.js';
import {register} from 'ol/proj/proj4.js';
import proj4 from 'proj4';

const data = JSON.parse(document.getElementById('scenelift-map').textContent);
const base = new URL('.', document.baseURI);
const href = (h) => new URL(h, base).href;

proj4.defs(data.crs.code, data.crs.proj4);
register(proj4);
const albers = getProjection(data.crs.code);
albers.setExtent(data.viewExtent);
// the graticule needs the projection's extent in degrees: the footprint's, widened by the view's margin
const lons = data.footprint.coordinates[0].map((p) => p[0]);
const lats = data.footprint.coordinates[0].map((p) => p[1]);
albers.setWorldExtent([Math.min(...lons) - 3, Math.min(...lats) - 3, Math.max(...lons) + 3, Math.max(...lats) + 3]);

const status = {
  scriptAt: performance.now(),
  loadedAt: null,
  // the first scene on screen (its map preview, else the SR layer's coarse overview), then drawn by the SR layer from
  // the view's nearest level
  firstSceneRenderedAt: null,
  firstSceneFrom: null,
  firstCoarseRenderedAt: null,
  firstSharpRenderedAt: null,
  // the first map preview's steps: asked for, headers read, pixels decoded
  firstPreviewAskedAt: null,
  firstPreviewHeadersAt: null,
  firstPreviewDecodedAt: null,
  // the last map preview drawn: {scene, at}
  previewDrawn: null,
  // when the first scene's source read its headers, asked for its first tile, and its first and last tile arrived
  // decoded (ms since navigation)
  firstSourceReadyAt: null,
  firstTileRequestedAt: null,
  firstTileAt: null,
  lastTileAt: null,
  scene: null,
  colour: 'true',
  clouds: false,
  rendered: null,
  renders: 0,
  footprints: 0,
  errors: [],
};
window.sceneliftMap = status;
window.addEventListener('error', (e) => status.errors.push(String(e.message)));
window.addEventListener('unhandledrejection', (e) => status.errors.push(String(e.reason)));
window.addEventListener('load', () => {
  status.loadedAt = performance.now();
});

const outline = new Style({stroke: new Stroke({color: '#ffd600', width: 2})});
const selectedOutline = new Style({
  stroke: new Stroke({color: '#ff1744', width: 3}),
  fill: new Fill({color: 'rgba(0,0,0,0)'}),
});
const footprints = new VectorSource();
const footprintLayer = new VectorLayer({
  source: footprints,
  style: (f) => (f.get('scene') === status.scene ? selectedOutline : outline),
  zIndex: 20,
});
const geojson = new GeoJSON({dataProjection: 'EPSG:4326', featureProjection: albers});
footprints.addFeature(geojson.readFeature({type: 'Feature', geometry: data.footprint, properties: {scene: null}}));

const layers = [
  new Graticule({
    strokeStyle: new Stroke({color: 'rgba(60,60,60,0.6)', width: 1, lineDash: [2, 4]}),
    showLabels: true,
    wrapX: false,
    zIndex: 15,
  }),
  footprintLayer,
];
const baseTiles = new URLSearchParams(location.search).get('base') || data.baseLayer;
if (baseTiles) {
  // optional: an online XYZ base map, reprojected into the Albers view; off unless configured
  layers.unshift(new TileLayer({source: new XYZ({url: baseTiles, crossOrigin: 'anonymous'}), zIndex: 0}));
}

const map = new Map({
  target: 'map',
  layers,
  view: new View({projection: albers, extent: data.viewExtent, constrainOnlyCenter: true}),
});
map.getView().fit(data.extent, {padding: [20, 20, 20, 20]});

const [lo, hi] = data.stretch;
const scaled = (b) => ['clamp', ['/', ['-', ['band', b], lo], hi - lo], 0, 1];
const colourStyle = {color: ['array', scaled(1), scaled(2), scaled(3), ['/', ['band', 4], 255]]};
const previewLayer = new ImageLayer({zIndex: 4});
const sceneLayer = new WebGLTileLayer({zIndex: 5, style: colourStyle});
const cloudLayer = new WebGLTileLayer({zIndex: 10, visible: false});
map.addLayer(previewLayer);
map.addLayer(sceneLayer);
map.addLayer(cloudLayer);

function source(urls, nodata) {
  const s = new GeoTIFF({
    sources: urls.map((u) => ({url: href(u), nodata})),
    normalize: false,
    interpolate: false,
    projection: albers,
    // no fade-in: rendercomplete waits for it, and every frame of it costs a full redraw
    transition: 0,
  });
  s.on('change', () => {
    if (s.getState() === 'ready' && status.firstSourceReadyAt === null) {
      status.firstSourceReadyAt = performance.now();
    }
  });
  s.on('tileloadstart', () => {
    if (status.firstTileRequestedAt === null) {
      status.firstTileRequestedAt = performance.now();
    }
  });
  s.tilesLoaded = 0;
  s.on('tileloadend', () => {
    s.tilesLoaded++;
    status.lastTileAt = performance.now();
    if (status.firstTileAt === null) {
      status.firstTileAt = status.lastTileAt;
    }
  });
  s.on('tileloaderror', (e) => status.errors.push(String(e && e.type)));
  s.on('error', () => status.errors.push('source error'));
  return s;
}

// A new scene is drawn first from the overview one level coarser than the view's (at the fitted first view, one
// block per file: a quarter of the reads and decoding), and once that is on screen from the nearest level, which
// replaces it tile by tile. zDirection is the renderer's choice between the two levels around the view's resolution.
function coarseFirst(s) {
  s.coarse = true;
  s.zDirection = (value, coarser, finer) => (s.coarse ? 1 : value - finer - (coarser - value));
  return s;
}

const mark = (name) => {
  if (status[name] === null) {
    status[name] = performance.now();
  }
};

// A scene's map preview: the level of its COG whose pixels are the coarsest not coarser than the view's, read whole
// (at the fitted first view one to four 256-pixel blocks) without geotiff.js's worker pool (its start-up would cost more
// than a few WebP blocks, which the browser's own image decoder decodes), as an RGBA canvas and its extent
async function readPreview(url) {
  mark('firstPreviewAskedAt');
  const tiff = await fromUrl(url, {allowFullFile: false});
  const full = await tiff.getImage(0);
  const extent = full.getBoundingBox();
  const count = await tiff.getImageCount();
  const wanted = map.getView().getResolution();
  let image = full;
  for (let i = 1; i < count; i++) {
    const level = await tiff.getImage(i);
    if ((extent[2] - extent[0]) / level.getWidth() > wanted) {
      break;
    }
    image = level;
  }
  mark('firstPreviewHeadersAt');
  const rgba = await image.readRasters({interleave: true});
  const canvas = document.createElement('canvas');
  canvas.width = image.getWidth();
  canvas.height = image.getHeight();
  const pixels = new Uint8ClampedArray(rgba.buffer, rgba.byteOffset, rgba.length);
  canvas.getContext('2d').putImageData(new ImageData(pixels, canvas.width, canvas.height), 0, 0);
  mark('firstPreviewDecodedAt');
  return {canvas, extent};
}

// draws a preview into whatever extent the map asks for
function previewSource(preview) {
  const [x0, y0, x1, y1] = preview.extent;
  return new ImageCanvasSource({
    projection: albers,
    ratio: 1,
    canvasFunction: (extent, resolution, pixelRatio, size) => {
      const canvas = document.createElement('canvas');
      canvas.width = Math.round(size[0]);
      canvas.height = Math.round(size[1]);
      const kx = canvas.width / (extent[2] - extent[0]);
      const ky = canvas.height / (extent[3] - extent[1]);
      canvas.getContext('2d').drawImage(
        preview.canvas,
        (x0 - extent[0]) * kx,
        (extent[3] - y1) * ky,
        (x1 - x0) * kx,
        (y1 - y0) * ky,
      );
      return canvas;
    },
  });
}

function cloudStyle(bits) {
  // a pixel is cloud when any of the scene's cloud bits is set: floor(v / 2^bit) is odd
  const set = bits.map((b) => ['==', ['%', ['floor', ['/', ['band', 1], 2 ** b]], 2], 1]);
  const cloud = set.length === 1 ? set[0] : ['any', ...set];
  return {color: ['case', cloud, [255, 0, 255, 0.55], [0, 0, 0, 0]]};
}

const scenes = data.scenes;
const mapped = scenes.filter((s) => s.mapped);
const list = document.getElementById('scenes');
const slider = document.getElementById('date');
const readout = document.getElementById('readout');
const colourInputs = document.querySelectorAll('input[name=colour]');
const cloudToggle = document.getElementById('clouds');

scenes.forEach((s) => {
  const li = document.createElement('li');
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = `${s.date} ${s.sensor}` + (s.cloud ? ` · cloud ${s.cloud}%` : '');
  button.dataset.scene = s.id;
  button.title = s.id;
  if (!s.mapped) {
    button.disabled = true;
    button.textContent += ' · no COGs';
  }
  button.addEventListener('click', () => show(s.id));
  li.appendChild(button);
  list.appendChild(li);
});
slider.max = String(Math.max(0, mapped.length - 1));
slider.disabled = mapped.length < 2;
slider.addEventListener('input', () => show(mapped[Number(slider.value)].id));
colourInputs.forEach((i) => i.addEventListener('change', () => i.checked && setColour(i.value)));
cloudToggle.addEventListener('change', () => {
  status.clouds = cloudToggle.checked;
  showClouds(mapped.find((m) => m.id === status.scene));
});

// the QA layer's source is made when the mask is first shown: its headers are not read on the way to the first view
function showClouds(s) {
  if (cloudToggle.checked && s.qa && !cloudLayer.getSource()) {
    cloudLayer.setSource(source([s.qa], undefined));
    cloudLayer.setStyle(cloudStyle(s.cloudBits));
  }
  cloudLayer.setVisible(cloudToggle.checked);
}

let showing = 0;

function show(id) {
  const s = mapped.find((m) => m.id === id);
  if (!s) {
    return;
  }
  status.scene = id;
  slider.value = String(mapped.indexOf(s));
  document.querySelectorAll('#scenes button').forEach((b) => b.classList.toggle('on', b.dataset.scene === id));
  document.getElementById('title').textContent = `${s.date} ${s.sensor} ${s.id}`;
  cloudLayer.setSource(null);
  cloudToggle.disabled = !s.qa;
  footprintLayer.changed();
  const token = ++showing;
  if (!s.preview || status.colour !== 'true') {
    previewLayer.setVisible(false);
    showFromCogs(s);
    return;
  }
  // the preview first, then the SR layer (whose start-up would hold this thread while the preview waits)
  sceneLayer.setSource(null);
  readPreview(href(s.preview))
    .then((preview) => {
      if (token !== showing) {
        return;
      }
      previewLayer.setSource(previewSource(preview));
      previewLayer.setVisible(true);
      previewLayer.once('postrender', () => {
        const at = performance.now();
        status.previewDrawn = {scene: s.id, at};
        if (status.firstSceneRenderedAt === null) {
          status.firstSceneRenderedAt = at;
          status.firstSceneFrom = 'preview';
        }
        showFromCogs(s);
      });
    })
    .catch((e) => {
      status.errors.push(`map preview of ${s.id}: ${e}`);
      if (token === showing) {
        showFromCogs(s);
      }
    });
}

function showFromCogs(s) {
  sceneLayer.setSource(coarseFirst(source(status.colour === 'true' ? s.trueColour : s.falseColour, s.nodata)));
  showClouds(s);
}

function setColour(mode) {
  status.colour = mode;
  const id = status.scene;
  status.scene = null;
  show(id);
}

// whether a layer's source has drawn tiles: a frame can complete between a source reading its headers and its layer
// asking for tiles, with nothing of it on screen
function drawn(layer) {
  const s = layer.getSource();
  return !!s && s.getState() === 'ready' && s.tilesLoaded > 0;
}

// what the map last finished drawing (every tile loaded), for people and tests to wait on
map.on('rendercomplete', () => {
  status.renders++;
  if (!drawn(sceneLayer) || (cloudLayer.getVisible() && cloudLayer.getSource() && !drawn(cloudLayer))) {
    return;
  }
  const source = sceneLayer.getSource();
  if (status.firstSceneRenderedAt === null) {
    status.firstSceneRenderedAt = performance.now();
    status.firstSceneFrom = 'cogs';
  }
  // the SR layer covers the scene now
  previewLayer.setVisible(false);
  if (source.coarse) {
    mark('firstCoarseRenderedAt');
    // the coarse picture is complete: now the nearest level (rendercomplete fires again when it is drawn)
    source.coarse = false;
    map.render();
    return;
  }
  if (status.firstSharpRenderedAt === null) {
    status.firstSharpRenderedAt = performance.now();
  }
  status.rendered = {scene: status.scene, colour: status.colour, clouds: status.clouds, at: performance.now()};
});

map.on('pointermove', (e) => {
  const values = sceneLayer.getSource() ? sceneLayer.getData(e.pixel) : null;
  const [lon, lat] = toLonLat(e.coordinate, albers);
  const where = `${lat.toFixed(5)}°, ${lon.toFixed(5)}° (x ${e.coordinate[0].toFixed(0)} m, y ${e.coordinate[1].toFixed(0)} m)`;
  const s = mapped.find((m) => m.id === status.scene);
  if (!values || !s || values[3] === 0) {
    readout.textContent = where + ': no data';
    return;
  }
  const names = status.colour === 'true' ? s.trueBands : s.falseBands;
  readout.textContent = where + ': ' + names.map((n, i) => `${n} ${Math.round(values[i])}`).join(', ');
});

// each STAC item's footprint, as the item states it
Promise.all(
  scenes
    .filter((s) => s.item)
    .map((s) =>
      fetch(href(s.item))
        .then((r) => r.json())
        .then((item) => {
          const f = geojson.readFeature({type: 'Feature', geometry: item.geometry, properties: {}});
          f.set('scene', s.id);
          footprints.addFeature(f);
          status.footprints++;
        }),
    ),
).catch((e) => status.errors.push('footprint: ' + e));

status.transform = (lonLat) => transform(lonLat, 'EPSG:4326', albers);
status.state = () => ({
  renders: status.renders,
  scene: status.scene,
  source: sceneLayer.getSource() && sceneLayer.getSource().getState(),
  error: sceneLayer.getSource() && String(sceneLayer.getSource().getError && sceneLayer.getSource().getError()),
  errors: status.errors,
});
status.sceneExtent = () => sceneLayer.getSource().getTileGrid().getExtent();
status.map = map;
if (mapped.length > 0) {
  show(mapped[mapped.length - 1].id);
}
