import { readdirSync } from 'node:fs';
import { migrations } from './index.js';

describe('migrations/index.ts', () => {
  it('lists every migration file in this folder, oldest first', () => {
    const files = readdirSync(import.meta.dirname)
      .filter((file) => /^\d+-.+\.ts$/.test(file))
      .sort();
    const listed = migrations.map((migration) => migration.name.match(/(\d+)$/)![1]);
    expect(listed).toEqual(files.map((file) => file.split('-')[0]));
  });
});
