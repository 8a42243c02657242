// The pages' form bodies are tiny; anything bigger is refused by the parser (413).
import express from 'express';

export const formParser = express.urlencoded({ extended: false, limit: '8kb', parameterLimit: 20 });
