// zod with `.openapi()`: every wire schema imports `z` from here so the extension is applied first.
import { extendZodWithOpenApi } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";

extendZodWithOpenApi(z);

export { z };
