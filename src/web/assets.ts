// The page's stylesheet and scripts, shipped with the package (src/web/assets → dist/web/assets by
// `npm run build`): read once, served from memory with a content hash in the URL so browsers may
// cache them for long. Only the files listed here are served; nothing is fetched from a CDN.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import express, { type Router } from 'express';

const ASSET_TYPES = {
  'app.css': 'text/css; charset=utf-8',
  'status.js': 'text/javascript; charset=utf-8',
  'chart.js': 'text/javascript; charset=utf-8',
} as const;

export type AssetName = keyof typeof ASSET_TYPES;

interface LoadedAsset {
  body: Buffer;
  type: string;
  hash: string;
}

const ASSET_DIR = new URL('./assets/', import.meta.url);
let loaded: Map<string, LoadedAsset> | null = null;

function assets(): Map<string, LoadedAsset> {
  if (loaded) return loaded;
  const map = new Map<string, LoadedAsset>();
  for (const [name, type] of Object.entries(ASSET_TYPES)) {
    // A missing asset is a packaging bug: fail loudly at start rather than serve a broken page.
    const body = readFileSync(new URL(name, ASSET_DIR));
    map.set(name, { body, type, hash: createHash('sha256').update(body).digest('hex').slice(0, 12) });
  }
  loaded = map;
  return map;
}

/** The URL of an asset, versioned by its content. */
export function assetUrl(name: string): string {
  const asset = assets().get(name);
  return asset ? `/assets/${name}?v=${asset.hash}` : `/assets/${name}`;
}

export function assetsRouter(): Router {
  assets();
  const router = express.Router();
  router.get('/assets/:name', (req, res) => {
    const asset = assets().get(req.params.name);
    if (!asset) {
      res.status(404).type('text/plain').send('Not found');
      return;
    }
    res.set('content-type', asset.type);
    res.set('cache-control', req.query.v === asset.hash ? 'public, max-age=31536000, immutable' : 'no-cache');
    res.set('x-content-type-options', 'nosniff');
    res.send(asset.body);
  });
  return router;
}
