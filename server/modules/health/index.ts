export { healthRoutes, registerHealthOpenApi } from './health.routes';
