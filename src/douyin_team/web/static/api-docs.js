// Swagger UI on the app's own API description (/docs); no online validator: the page makes no outside request.
window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true, validatorUrl: null });
