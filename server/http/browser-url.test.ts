import { browserUrl, startMessage } from './browser-url';

describe('browserUrl', () => {
  it.each([
    ['0.0.0.0', 'http://127.0.0.1:3000/'],
    ['::', 'http://127.0.0.1:3000/'],
    ['', 'http://127.0.0.1:3000/'],
    ['127.0.0.1', 'http://127.0.0.1:3000/'],
    ['localhost', 'http://localhost:3000/'],
    ['::1', 'http://[::1]:3000/'],
    ['amparo.example.org', 'http://amparo.example.org:3000/'],
  ])('%s → %s', (host, url) => {
    expect(browserUrl(host, 3000)).toBe(url);
  });

  it('says to sign in, or where the API is when the client is not served', () => {
    expect(startMessage('http://127.0.0.1:3000/', true)).toBe(
      'open http://127.0.0.1:3000/ in a browser to sign in',
    );
    expect(startMessage('http://127.0.0.1:3000/', false)).toMatch(/api\/v1.*SERVE_CLIENT=false/);
  });
});
