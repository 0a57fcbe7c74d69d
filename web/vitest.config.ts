import { defineConfig } from 'vitest/config';
import preact from '@preact/preset-vite';

export default defineConfig({
  plugins: [preact()],
  test: {
    environment: 'happy-dom',
    include: ['{shared,portal,glass,join}/**/*.test.{ts,tsx}'],
  },
});
