// Uploads a signed release folder (manifest.cbor, manifest.sig and the files `nordiciot firmware sign` wrote)
// as the API's multipart form, with upload progress.
import { ApiError } from '../api.js';

const MANIFEST = 'manifest.cbor';
const SIGNATURE = 'manifest.sig';

/** The parts in the order the API reads them: manifest, signature, then each file. Throws Error naming what is missing. */
export function releaseForm(files) {
  const list = [...files];
  const manifest = list.find((f) => f.name === MANIFEST);
  const signature = list.find((f) => f.name === SIGNATURE);
  if (!manifest || !signature) {
    throw new Error(`Choose the whole signed release folder: ${MANIFEST}, ${SIGNATURE} and the application files (nordiciot firmware sign writes them).`);
  }
  const form = new FormData();
  form.append('manifest', new Blob([manifest], { type: 'application/cbor' }), MANIFEST);
  form.append('signature', new Blob([signature], { type: 'application/octet-stream' }), SIGNATURE);
  for (const file of list) {
    if (file !== manifest && file !== signature) form.append('file', new Blob([file], { type: 'application/octet-stream' }), file.name);
  }
  return form;
}

/** POSTs the form to /api/firmware; onProgress gets 0..1. Resolves to the release, rejects with ApiError (problem details) or Error. */
export function upload(form, onProgress) {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', '/api/firmware');
    request.setRequestHeader('Accept', 'application/json');
    request.setRequestHeader('X-Requested-By', 'nordiciot-dashboard');
    request.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    });
    request.addEventListener('load', () => {
      let body = null;
      try {
        body = JSON.parse(request.responseText);
      } catch {
        body = null;
      }
      if (request.status >= 200 && request.status < 300) resolve(body);
      else reject(new ApiError(request.status, body));
    });
    request.addEventListener('error', () => reject(new Error('The upload did not reach the server.')));
    request.send(form);
  });
}
